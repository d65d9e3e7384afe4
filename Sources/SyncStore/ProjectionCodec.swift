import Foundation
import SyncCore

/// The compact binary encoding of `RecordState` projections and base states in the mirrors.
///
/// Measured against `JSONEncoder` and `PropertyListEncoder` (see `fgsync-bench codec`): a
/// million pairs means three million decodes per plan, and only a hand-written format keeps that
/// within the time budget. The layout is versioned by its first byte; `ProjectionCodecTests`
/// fail when `RecordState`, `PairBase` or `FieldValue` gain a stored property, so a new field
/// cannot be dropped silently.
///
/// Layout: strings are a varint byte count then UTF-8; fields are sorted by key and store the
/// spelling only when it differs from the canonical value; dates are the bit pattern of
/// `timeIntervalSinceReferenceDate` (exact round trip).
enum ProjectionCodec {
    /// The name written to `meta.projection_codec`.
    static let name = "fgsync-bin1"
    static let recordTag: UInt8 = 0x52  // "R"
    static let baseTag: UInt8 = 0x42  // "B"

    // MARK: - Encoding

    static func encode(_ state: RecordState) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        writer.byte(recordTag)
        writer.string(state.id)
        writer.fields(state.fields)
        writer.tags(state.tags)
        writer.optionalString(state.linkId)
        if let date = state.updatedAt {
            writer.byte(1)
            writer.uint64(date.timeIntervalSinceReferenceDate.bitPattern)
        } else {
            writer.byte(0)
        }
        writer.varint(UInt64(state.issues.count))
        for issue in state.issues {
            writer.string(issue.field)
            writer.string(issue.value)
            writer.string(issue.reason)
        }
        return writer.bytes
    }

    /// Encodes the agreed values of a base (ids and deleted side live in their own columns).
    static func encodeBase(fields: [String: FieldValue], tags: TagSet) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        writer.byte(baseTag)
        writer.fields(fields)
        writer.tags(tags)
        return writer.bytes
    }

    // MARK: - Decoding

    static func decode(_ data: Data) throws -> RecordState {
        try data.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == recordTag else { throw CodecError.unknownFormat }
            let id = try reader.string()
            let fields = try reader.fields()
            let tags = try reader.tags()
            let linkId = try reader.optionalString()
            var updatedAt: Date?
            if try reader.byte() == 1 {
                updatedAt = Date(timeIntervalSinceReferenceDate: Double(bitPattern: try reader.uint64()))
            }
            let issueCount = try reader.count()
            var issues: [FieldIssue] = []
            issues.reserveCapacity(issueCount)
            for _ in 0..<issueCount {
                issues.append(FieldIssue(field: try reader.string(), value: try reader.string(), reason: try reader.string()))
            }
            return RecordState(id: id, fields: fields, tags: tags, linkId: linkId, updatedAt: updatedAt, issues: issues)
        }
    }

    static func decodeBase(_ data: Data) throws -> (fields: [String: FieldValue], tags: TagSet) {
        try data.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            guard try reader.byte() == baseTag else { throw CodecError.unknownFormat }
            return (try reader.fields(), try reader.tags())
        }
    }
}

/// A stored projection or base that does not decode.
enum CodecError: Error {
    case unknownFormat
    case truncated
}

// MARK: - Byte writer and reader

struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

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

    mutating func fields(_ fields: [String: FieldValue]) {
        varint(UInt64(fields.count))
        for key in fields.keys.sorted() {
            guard let value = fields[key] else { continue }
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

    mutating func tags(_ tags: TagSet) {
        let spellings = tags.sortedSpellings
        varint(UInt64(spellings.count))
        for spelling in spellings { string(spelling) }
    }
}

struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    mutating func byte() throws -> UInt8 {
        guard offset < buffer.count else { throw CodecError.truncated }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw CodecError.truncated }
        }
    }

    /// A count or length, bounded by the bytes left so corrupt data cannot ask for huge arrays.
    mutating func count() throws -> Int {
        let value = try varint()
        guard value <= UInt64(buffer.count - offset) else { throw CodecError.truncated }
        return Int(value)
    }

    mutating func uint64() throws -> UInt64 {
        guard offset + 8 <= buffer.count else { throw CodecError.truncated }
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + 8])) }
        offset += 8
        return UInt64(littleEndian: value)
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length]), as: UTF8.self)
    }

    mutating func optionalString() throws -> String? {
        try byte() == 1 ? try string() : nil
    }

    mutating func fields() throws -> [String: FieldValue] {
        let count = try count()
        var fields: [String: FieldValue] = [:]
        fields.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            let canonical = try string()
            let text = try byte() == 1 ? try string() : canonical
            fields[key] = FieldValue(canonical: canonical, text: text)
        }
        return fields
    }

    mutating func tags() throws -> TagSet {
        let count = try count()
        var spellings: [String] = []
        spellings.reserveCapacity(count)
        for _ in 0..<count { spellings.append(try string()) }
        return TagSet(spellings)
    }
}
