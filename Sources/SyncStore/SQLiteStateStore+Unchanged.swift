import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// The `raw_hash` (`AgreementDigest.rawHash` of the raw JSON) of those of the records `ids`
    /// of `side` the mirror holds, by id; neither the projection nor the raw JSON is read.
    public func mirrorRawHashes(_ side: Side, ids: [String]) async throws -> [String: Int64] {
        let sorted = ids.sorted()
        guard !sorted.isEmpty else { return [:] }
        return try await read("read a page of \(side.recordNoun) hashes") { db in
            var found: [String: Int64] = [:]
            try Self.inChunks(sorted) { marks, arguments in
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, raw_hash FROM \(side.mirrorTable) WHERE id IN (\(marks))", arguments: arguments)
                while let row = try rows.next() { found[row[0]] = row[1] }
            }
            return found
        }
    }

    /// Counts `ids` as seen by full snapshot `seq` of `side` without writing their rows: the
    /// mirror holds them as listed (see `StateStore.markSeen`).
    ///
    /// - Throws: `StoreError.Code.snapshotNotOpen` when this store did not begin `seq` or
    ///   already finished it.
    public func markSeen(_ side: Side, ids: [String], snapshot seq: Int64) async throws {
        guard ingestBuffer.markSeen(ids, seq: seq) else { throw notBegunHere(side, seq) }
    }

    /// The fingerprint of the projection every mirror row was made under (see
    /// `StateStore.projectionFingerprint`), or `nil` when none is vouched for.
    public func projectionFingerprint() async throws -> String? {
        try await metaValue(Self.projectionFingerprintKey)
    }

    /// Records (or, with `nil`, forgets) the fingerprint every mirror row was projected under.
    public func setProjectionFingerprint(_ fingerprint: String?) async throws {
        try await transaction { tx in
            if let fingerprint {
                try tx.setMeta(Self.projectionFingerprintKey, fingerprint)
            } else {
                try tx.db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [Self.projectionFingerprintKey])
            }
        }
    }

    /// The `meta` key of `projectionFingerprint()`.
    static let projectionFingerprintKey = "mirror_projection"
}
