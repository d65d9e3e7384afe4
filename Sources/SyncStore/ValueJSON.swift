import Foundation
import SyncCore

/// JSON text for the human-facing tables (conflicts, audit, journal): sorted keys, readable
/// with `sqlite3`. Volumes there are small, so Foundation's coders are fast enough.
package enum ValueJSON {
    package static func encode<T: Encodable>(_ value: T?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ json: String?) throws -> T? {
        guard let json else { return nil }
        return try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    package static func decodeValue(_ json: String?) throws -> FieldValue? {
        try decode(FieldValue.self, json)
    }
}
