import CZstd

/// Trains a side's Zstandard dictionary (`ZDICT_trainFromBuffer`) from the first records the
/// file stores, on only what several of them share.
///
/// A trained dictionary holds the byte sequences records repeat (keys, form ids, statuses,
/// common names and companies, date prefixes) with entropy tables fitted to them: against one,
/// a million pairs' raw JSON took 132-135 bytes a record where the hand-built skeleton
/// (`RawDictionary.build`) took 230-275 (`fgsync-bench plan`).
///
/// A dictionary is kept for as long as a row names it, so it must not hold a person's data.
/// Before training, every sample is cut down to its runs in which each 8 consecutive bytes
/// occur in at least `sharedBy` of the sampled records, and the dictionary's content is pieces
/// of those runs: a value fewer records share (an email's local part, an id, a phone number,
/// a street address) is cut out before the trainer sees it.
package enum DictionaryTrainer {
    /// Records sampled at most (the first ones stored); fewer than `minimumRecords`: no training.
    static let maximumRecords = 1_000
    static let minimumRecords = 100
    /// How many sampled records must contain an 8-byte window for it to be kept.
    static let sharedBy = 5
    static let window = 8
    /// The largest dictionary trained; a smaller one when the shared runs are few (a dictionary
    /// much over a sixteenth of its training bytes fits them and compresses others worse).
    static let maximumBytes = 32_768
    static let minimumBytes = 1_024

    /// A dictionary trained on `records` (each record's samples: its raw JSON and its encoded
    /// projection), or `nil` when they are too few or share too little to train one.
    package static func train(_ records: [[[UInt8]]]) -> [UInt8]? {
        guard records.count >= minimumRecords else { return nil }
        let runs = sharedRuns(Array(records.prefix(maximumRecords)))
        let total = runs.reduce(0) { $0 + $1.count }
        let capacity = min(maximumBytes, total / 16) / 1_024 * 1_024
        guard capacity >= minimumBytes else { return nil }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(total)
        for run in runs { buffer.append(contentsOf: run) }
        let sizes = runs.map(\.count)
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let made = dictionary.withUnsafeMutableBytes { out in
            buffer.withUnsafeBytes { samples in
                sizes.withUnsafeBufferPointer { sizes in
                    ZDICT_trainFromBuffer(out.baseAddress, out.count, samples.baseAddress, sizes.baseAddress, UInt32(sizes.count))
                }
            }
        }
        guard ZDICT_isError(made) == 0 else { return nil }
        return Array(dictionary.prefix(made))
    }

    /// Each sample cut to its runs in which every 8-byte window is contained by at least
    /// `sharedBy` records (a window repeated within one record counts once for it).
    static func sharedRuns(_ records: [[[UInt8]]]) -> [[UInt8]] {
        var counts: [UInt64: (records: Int32, last: Int32)] = [:]
        for (index, samples) in records.enumerated() {
            let record = Int32(index)
            for sample in samples {
                forEachWindow(sample) { key, _ in
                    if let known = counts[key] {
                        if known.last != record { counts[key] = (known.records + 1, record) }
                    } else {
                        counts[key] = (1, record)
                    }
                }
            }
        }
        var runs: [[UInt8]] = []
        for samples in records {
            for sample in samples {
                // Windows starting at first..<end are all shared: the run is first..<end+7.
                var first: Int?
                var last = 0
                forEachWindow(sample) { key, start in
                    if let count = counts[key], count.records >= sharedBy {
                        if first == nil { first = start }
                        last = start
                    } else if let begun = first {
                        runs.append(Array(sample[begun..<(last + window)]))
                        first = nil
                    }
                }
                if let begun = first { runs.append(Array(sample[begun..<(last + window)])) }
            }
        }
        return runs
    }

    /// Calls `body` with each 8-byte window of `bytes` (as one integer) and where it starts.
    static func forEachWindow(_ bytes: [UInt8], _ body: (UInt64, Int) -> Void) {
        guard bytes.count >= window else { return }
        bytes.withUnsafeBytes { raw in
            for start in 0...(raw.count - window) {
                body(raw.loadUnaligned(fromByteOffset: start, as: UInt64.self), start)
            }
        }
    }
}
