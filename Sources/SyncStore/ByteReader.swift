import Foundation
import SyncCore

/// Reads the binary codec's primitives, bounds-checked: corrupt data throws, never traps.
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

    /// The fields whose key is in `keys`; the others are skipped without being decoded.
    mutating func fields(keeping keys: Set<String>) throws -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        for _ in 0..<(try count()) {
            let key = try string()
            guard keys.contains(key) else {
                try skipString()
                if try byte() == 1 { try skipString() }
                continue
            }
            let canonical = try string()
            fields[key] = FieldValue(canonical: canonical, text: try byte() == 1 ? try string() : canonical)
        }
        return fields
    }

    mutating func tagSpellings() throws -> [String] {
        let count = try count()
        var spellings: [String] = []
        spellings.reserveCapacity(count)
        for _ in 0..<count { spellings.append(try string()) }
        return spellings
    }

    // MARK: - Skipping (a side that agrees with its base is not decoded again)

    mutating func skipString() throws {
        offset += try count()
    }

    /// Steps over what `fields()` reads, allocating nothing.
    mutating func skipFields() throws {
        for _ in 0..<(try count()) {
            try skipString()
            try skipString()
            if try byte() == 1 { try skipString() }
        }
    }
}
