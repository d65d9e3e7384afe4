import SyncCore

/// Appends the binary codec's primitives: varints, length-prefixed UTF-8, fields, tags.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the writer and keeps its buffer, to write the next record into it.
    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ value: String?) {
        if let value {
            byte(1)
            string(value)
        } else {
            byte(0)
        }
    }

    /// Fields already sorted by key (`SortedProjection`).
    mutating func fields(sorted fields: [(key: String, value: FieldValue)]) {
        varint(UInt64(fields.count))
        for (key, value) in fields {
            string(key)
            string(value.canonical)
            if value.text == value.canonical {
                byte(0)
            } else {
                byte(1)
                string(value.text)
            }
        }
    }

    /// Each tag's spelling, in folded-key order (`SortedProjection`).
    mutating func tags(sorted tags: [(key: String, value: String)]) {
        varint(UInt64(tags.count))
        for tag in tags { string(tag.value) }
    }
}
