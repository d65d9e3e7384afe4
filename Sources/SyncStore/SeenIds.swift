/// The ids an open full snapshot saw, as a 64-bit hash of each id's UTF-8 bytes (8 bytes a
/// record where the ids themselves took about 60).
///
/// The hash is Swift's `Hasher` (seeded anew by each process) over the bytes alone, so an id
/// the snapshot listed (a `String`) and the same id read back from the state file (SQLite's
/// UTF-8 text, never made into a `String`) hash alike: finishing a snapshot of a million
/// records scans the mirror's ids without making a string of each, which took most of the
/// scan's time. A removed id whose hash a seen id shares would be kept until the next
/// snapshot: about one chance in 10^13 for each removed record of a million-record run.
package struct SeenIds: Sendable {
    private var hashes: Set<Int> = []

    /// How many distinct id hashes were seen.
    package var count: Int { hashes.count }

    /// Remembers `hash` (made by `hash(_:)` or `hash(utf8:)`).
    mutating func insert(hash: Int) { hashes.insert(hash) }

    /// Whether the snapshot saw `id`.
    package func contains(_ id: String) -> Bool { hashes.contains(Self.hash(id)) }

    /// Whether the snapshot saw the id whose UTF-8 bytes are `utf8`.
    package func contains(utf8: UnsafeRawBufferPointer) -> Bool { hashes.contains(Self.hash(utf8: utf8)) }

    /// The hash of `id`'s UTF-8 bytes.
    static func hash(_ id: String) -> Int {
        if let hash = id.utf8.withContiguousStorageIfAvailable({ Self.hash(utf8: UnsafeRawBufferPointer($0)) }) { return hash }
        return Array(id.utf8).withUnsafeBytes { Self.hash(utf8: $0) }
    }

    /// The hash of the UTF-8 bytes `utf8`.
    static func hash(utf8: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: utf8)
        return hasher.finalize()
    }
}
