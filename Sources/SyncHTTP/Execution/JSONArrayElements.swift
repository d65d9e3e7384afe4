import Foundation

/// Finds the bytes of each element of one array member of a JSON object without parsing the
/// elements, so a client keeps each listed record's JSON exactly as the server sent it instead of
/// encoding every parsed record again (which costs more than the parse, and whose key order is
/// not stable from one process to the next).
package enum JSONArrayElements {
    /// The ranges (indices into `data`) of the elements of the array under `key` in the
    /// top-level object of `data`; `nil` when `data` is not an object with such an array (the
    /// key written with escapes counts as absent) or is not well-formed enough to be scanned.
    package static func ranges(of key: String, in data: Data) -> [Range<Data.Index>]? {
        let wanted = Array(key.utf8)
        return data.withUnsafeBytes { raw -> [Range<Data.Index>]? in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            guard let offsets = scanner.elements(of: wanted) else { return nil }
            return offsets.map { (data.startIndex + $0.lowerBound)..<(data.startIndex + $0.upperBound) }
        }
    }

    /// A cursor over the bytes; every method returns `nil` or `false` on malformed input.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard current == byte else { return false }
            index += 1
            return true
        }

        /// The element ranges of the top-level object's `wanted` array.
        mutating func elements(of wanted: [UInt8]) -> [Range<Int>]? {
            guard expect(UInt8(ascii: "{")) else { return nil }
            skipSpace()
            if current == UInt8(ascii: "}") { return nil }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\""), let name = string(), expect(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                if bytes[name].elementsEqual(wanted) { return arrayElements() }
                guard value() else { return nil }
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else {
                    return nil
                }
            }
        }

        /// The ranges of the elements of the array starting here.
        mutating func arrayElements() -> [Range<Int>]? {
            guard expect(UInt8(ascii: "[")) else { return nil }
            var ranges: [Range<Int>] = []
            skipSpace()
            if current == UInt8(ascii: "]") { return ranges }
            while true {
                skipSpace()
                let start = index
                guard value() else { return nil }
                ranges.append(start..<index)
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): return ranges
                default: return nil
                }
            }
        }

        /// Skips a string starting here; returns the range of its contents (escapes as written).
        mutating func string() -> Range<Int>? {
            guard current == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while let byte = current {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                } else if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                } else {
                    index += 1
                }
            }
            return nil
        }

        /// Skips one value starting here.
        mutating func value() -> Bool {
            guard let first = current else { return false }
            switch first {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let byte = current {
                    switch byte {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default:
                        break
                    }
                    index += 1
                }
                return false
            default:
                // A number, true, false or null: up to the next delimiter.
                let start = index
                while let byte = current, !Self.delimiters.contains(byte) { index += 1 }
                return index > start
            }
        }

        static let delimiters: Set<UInt8> = [
            UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09,
        ]
    }
}
