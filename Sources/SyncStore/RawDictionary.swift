import Foundation

/// The preset dictionary a side's raw JSON is compressed against: the shape its records share.
///
/// Built once per side from the first records the file stores, and kept for good (each row
/// names the dictionary it was compressed with). It holds every key of the samples and only the
/// string values that all of at least `minimumSamplesForValues` samples share (a form
/// id, a status, a location id); every other value is blanked to a placeholder of its type, so no person's data
/// ever lives in a dictionary.
enum RawDictionary {
    /// Samples needed before shared values are kept (fewer: keys only).
    static let minimumSamplesForValues = 5
    /// The largest dictionary kept, in bytes (zlib matches up to its 4 KB window).
    static let maxBytes = 2_048

    /// The dictionary for `samples` (raw JSON texts of one side); empty when none parses.
    static func build(from samples: [String]) -> [UInt8] {
        let objects = samples.prefix(50).compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        guard !objects.isEmpty else { return [] }
        let keepValues = objects.count >= minimumSamplesForValues
        let skeleton = merge(objects, keepValues: keepValues)
        guard let data = try? JSONSerialization.data(withJSONObject: skeleton, options: [.sortedKeys]) else { return [] }
        // zlib uses the end of a dictionary best; keep the tail when it is long.
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
            } else if keepValues, values.count == objects.count, let first = values.first as? String,
                values.allSatisfy({ $0 as? String == first })
            {
                result[key] = first
            } else {
                result[key] = placeholder(for: values.first)
            }
        }
        return result
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
