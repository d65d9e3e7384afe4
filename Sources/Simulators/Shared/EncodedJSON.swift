import Foundation

/// JSON assembled from parts already encoded, so a list page is the concatenation of its
/// rows' cached bytes rather than an encoding of every row on every request.
///
/// The result means the same as `JSONValue.serialized()` of the same value; only the order of
/// the members of an object may differ (JSON objects are unordered).
enum EncodedJSON {
    /// An object of members whose values are already encoded, in the order given.
    static func object(_ members: [(key: String, value: Data)]) -> Data {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(members.reduce(2) { $0 + $1.key.utf8.count + $1.value.count + 4 })
        for (position, member) in members.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            appendString(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: member.value)
        }
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    /// An array of elements already encoded.
    static func array(_ elements: [Data]) -> Data {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(elements.reduce(2) { $0 + $1.count + 1 })
        for (position, element) in elements.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: element)
        }
        out.append(UInt8(ascii: "]"))
        return Data(out)
    }

    /// The encoded object `object` with the member `key: value` put first.
    static func prepending(key: String, value: Data, to object: Data) -> Data {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(object.count + key.utf8.count + value.count + 4)
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: value)
        let rest = object.dropFirst()
        // `{}` has no members to follow the new one.
        if rest.first != UInt8(ascii: "}") { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: rest)
        return Data(out)
    }

    /// An integer.
    static func int(_ value: Int) -> Data { Data(String(value).utf8) }

    /// `text` as a JSON string literal.
    static func string(_ text: String) -> Data {
        var out: [UInt8] = []
        appendString(text, to: &out)
        return Data(out)
    }

    /// Appends `text` as a JSON string literal: quotes and backslashes escaped, control
    /// characters as `\u00XX`, everything else as its UTF-8 bytes.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
