import Foundation
import Synchronization
import SyncCore
import SyncStore

extension Snapshotter {
    /// Whether a full snapshot under `mapping` may keep unchanged records without projecting
    /// them: every mirror row was projected under its `projectionFingerprint`. When not, the
    /// stored fingerprint is forgotten first, before anything writes a row under `mapping`
    /// (a crash half-way must not leave a fingerprint that vouches for rows it no longer
    /// describes); the next full snapshot projects everything and records it again.
    static func projectionsReusable(store: any StateStore, mapping: ResolvedMapping) async throws -> Bool {
        let stored = try await store.projectionFingerprint()
        if stored == mapping.projectionFingerprint { return true }
        if stored != nil { try await store.setProjectionFingerprint(nil) }
        return false
    }

    /// The records of `page` to parse, project and ingest: those whose raw JSON the mirror of
    /// `side` does not hold as listed. The others are marked seen by snapshot `seq` (so
    /// `finishSnapshot` keeps them) and counted in `tally`; with `reuseUnchanged` off, all of
    /// `page`.
    ///
    /// Keeping such a record changes nothing the snapshot derives from it: its projection,
    /// `updatedAt` and Fulcrum `version` come from the raw JSON alone under one mapping, so
    /// they are the mirror's, which the store would not rewrite; GHL's stale-index guard acts
    /// only on a listed projection that differs from the mirror's.
    func keepUnchanged(_ side: Side, _ page: [RawRecord], snapshot seq: Int64, tally: UnchangedTally) async throws -> [RawRecord] {
        guard reuseUnchanged, !page.isEmpty else { return page }
        let stored = try await store.mirrorRawHashes(side, ids: page.map(\.id))
        guard !stored.isEmpty else { return page }
        var changed: [RawRecord] = []
        var unchanged: [String] = []
        for record in page {
            if let hash = stored[record.id], hash == AgreementDigest.rawHash(bytes: record.json) {
                unchanged.append(record.id)
            } else {
                changed.append(record)
            }
        }
        if !unchanged.isEmpty {
            try await store.markSeen(side, ids: unchanged, snapshot: seq)
            tally.add(side, unchanged.count)
        }
        return changed
    }
}

/// How many listed records each side's snapshot kept unchanged, counted from both listing tasks.
final class UnchangedTally: Sendable {
    private let counts = Mutex<[Side: Int]>([:])

    /// Adds `count` records kept on `side`.
    func add(_ side: Side, _ count: Int) {
        counts.withLock { $0[side, default: 0] += count }
    }

    /// The records kept on `side` so far.
    func count(_ side: Side) -> Int {
        counts.withLock { $0[side] ?? 0 }
    }
}
