import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// The `raw_hash` of those of the records `ids` of `side` the mirror holds, by id: one
    /// query for a listed page (see `StateStore.mirrorRawHashes`).
    public func mirrorRawHashes(_ side: Side, ids: [String]) async throws -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        return try await read("read a page of \(side.recordNoun) hashes") { tx in
            var found: [String: Int64] = [:]
            for row in try await tx.rows("SELECT id, raw_hash FROM \(unescaped: side.mirrorTable) WHERE id = ANY(\(ids))") {
                let (id, hash) = try row.decode((String, Int64).self)
                found[id] = hash
            }
            return found
        }
    }

    /// Counts `ids` as seen by full snapshot `seq` of `side` without writing their rows (see
    /// `StateStore.markSeen`).
    public func markSeen(_ side: Side, ids: [String], snapshot seq: Int64) async throws {
        guard ingestBuffer.markSeen(ids, seq: seq) else { throw notBegunHere(side, seq) }
    }

    /// The fingerprint of the projection every mirror row was made under, or `nil`.
    public func projectionFingerprint() async throws -> String? {
        try await metaValue(Self.projectionFingerprintKey)
    }

    /// Records (or, with `nil`, forgets) the fingerprint every mirror row was projected under.
    public func setProjectionFingerprint(_ fingerprint: String?) async throws {
        let key = Self.projectionFingerprintKey
        try await write("save the mirror's projection fingerprint") { tx in
            if let fingerprint {
                try await tx.setMeta(key, fingerprint)
            } else {
                try await tx.execute("DELETE FROM meta WHERE key = \(key)")
            }
        }
    }

    /// The `meta` key of `projectionFingerprint()`.
    static let projectionFingerprintKey = "mirror_projection"
}
