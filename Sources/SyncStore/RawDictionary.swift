import Foundation

/// The preset dictionary a side's raw JSON is compressed against: the shape its records share.
///
/// Made once per side from the first records the file stores, and kept for good (each row
/// names the dictionary it was compressed with). From 100 records on it is trained
/// (`DictionaryTrainer`); from fewer it is a skeleton (`build`) holding every key of the samples
/// and, of the string values, only what all of at least `minimumSamplesForValues` samples share
/// (a form id, a status, the start of a date, the domain of an email), every other value
/// blanked to a placeholder of its type. Either way no person's data lives in a dictionary.
package enum RawDictionary {
    /// Samples needed before shared values are kept (fewer: keys only).
    static let minimumSamplesForValues = 5
    /// The largest dictionary kept, in bytes (small enough that deflate, which wrote rows before
    /// zstd, matched within its 4 KB window).
    static let maxBytes = 2_048

    /// The dictionary for the first `rows` a side stores: trained on their raw JSON and
    /// projections when there are enough of them, else the skeleton of their raw JSON.
    package static func make(from rows: [EncodedMirrorRow]) -> [UInt8] {
        let samples = rows.prefix(DictionaryTrainer.maximumRecords).map { [Array($0.raw.utf8), [UInt8]($0.projection)] }
        return DictionaryTrainer.train(samples) ?? build(from: rows.prefix(50).map(\.raw))
    }

    /// The skeleton dictionary for `samples` (raw JSON texts of one side); empty when none parses.
    package static func build(from samples: [String]) -> [UInt8] {
        let objects = samples.prefix(50).compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        guard !objects.isEmpty else { return [] }
        let keepValues = objects.count >= minimumSamplesForValues
        let skeleton = merge(objects, keepValues: keepValues)
        guard let data = try? JSONSerialization.data(withJSONObject: skeleton, options: [.sortedKeys]) else { return [] }
        // Compressors match the end of a dictionary at the cheapest distances; keep the tail.
        return Array(data.suffix(maxBytes))
    }

    /// One object holding every key of `objects`, with shared or placeholder values.
    static func merge(_ objects: [[String: Any]], keepValues: Bool) -> [String: Any] {
        var keys: [String] = []
        var seen = Set<String>()
        for object in objects {
            for key in object.keys.sorted() where seen.insert(key).inserted { keys.append(key) }
        }
        var result: [String: Any] = [:]
        for key in keys {
            let values = objects.compactMap { $0[key] }
            let nested = values.compactMap { $0 as? [String: Any] }
            if !nested.isEmpty, nested.count == values.count {
                result[key] = merge(nested, keepValues: keepValues)
            } else if keepValues, values.count == objects.count, case let strings = values.compactMap({ $0 as? String }),
                strings.count == values.count
            {
                result[key] = shared(strings)
            } else {
                result[key] = placeholder(for: values.first)
            }
        }
        return result
    }

    /// What every one of `strings` shares: the whole value when they are all equal, else their
    /// common start and end (`2026-07-` of dates, `@example.com` of emails), which no one person owns.
    static func shared(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            prefix = Array(zip(prefix, string).prefix { $0 == $1 }.map(\.0))
        }
        if strings.allSatisfy({ $0.count == prefix.count }) { return String(prefix) }
        var suffix = Array(strings[0].dropFirst(prefix.count).reversed())
        for string in strings.dropFirst() {
            suffix = Array(zip(suffix, string.dropFirst(prefix.count).reversed()).prefix { $0 == $1 }.map(\.0))
        }
        return String(prefix) + String(suffix.reversed())
    }

    /// An empty string for a string (the dictionary keeps `"key":"`), an empty array for an
    /// array, `null` for anything else (numbers and booleans bridge alike on Linux).
    static func placeholder(for value: Any?) -> Any {
        switch value {
        case is String: ""
        case is [Any]: [Any]()
        default: NSNull()
        }
    }
}
