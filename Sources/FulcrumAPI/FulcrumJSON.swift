import Foundation
import SyncHTTP

/// JSON helpers: parse a response body, re-encode one object of it, read typed fields.
enum FulcrumJSON {
    /// The top-level object of a body.
    static func object(_ data: Data) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Encodes an object back to JSON, every key kept.
    static func data(_ object: [String: Any]) -> Data? {
        try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
    }

    /// An integer that may arrive as a number or a numeric string.
    static func int(_ value: Any?) -> Int? {
        switch value {
        case let number as NSNumber where !(number is Bool): number.intValue
        case let int as Int: int
        case let text as String: Int(text)
        default: nil
        }
    }

    /// A 64-bit integer that may arrive as a number or a numeric string.
    static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let number as NSNumber: number.int64Value
        case let text as String: Int64(text)
        default: nil
        }
    }

    /// `{"record": <json>}` without re-encoding `json`; a body that already is such a wrapper
    /// (one top-level key, `key`, holding an object) is sent as it is.
    static func wrap(_ key: String, _ json: Data) -> Data {
        if let object = object(json), object.count == 1, object[key] is [String: Any] { return json }
        return Data("{\"\(key)\":".utf8) + json + Data("}".utf8)
    }

    /// A server timestamp (`2015-05-30T15:47:19Z`, with or without fractional seconds).
    static func date(_ value: Any?) -> Date? {
        guard let text = value as? String else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
