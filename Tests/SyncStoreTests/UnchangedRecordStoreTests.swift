import Foundation
import SyncCore
@testable import SyncStore
import Testing

/// What a full snapshot needs to keep a listed record without projecting it again: the
/// mirror's raw hashes, a way to count it as seen, and the fingerprint the rows were made under.
@Suite(.dropsPostgresSchemas)
struct UnchangedRecordStoreTests {
    @Test(arguments: StoreBackend.available)
    func idsMarkedSeenAreKeptByFinishSnapshotAndOnlyTheUnlistedAreRemoved(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let first = try await store.beginSnapshot(.ghl)
        try await store.ingest(.ghl, ["a", "b", "c", "d"].map { Fixtures.mirror($0) }, snapshot: first)
        _ = try await store.finishSnapshot(.ghl, snapshot: first)

        let second = try await store.beginSnapshot(.ghl)
        try await store.markSeen(.ghl, ids: ["a", "c"], snapshot: second)
        try await store.ingest(.ghl, [Fixtures.mirror("b", email: "new@example.com")], snapshot: second)
        let outcome = try await store.finishSnapshot(.ghl, snapshot: second)

        #expect(outcome.removedIds == ["d"])
        #expect(outcome.seen == 3)
        #expect(try await store.record(.ghl, id: "a") == Fixtures.mirror("a").projection)
        #expect(try await store.record(.ghl, id: "b")?.fields["email"]?.text == "new@example.com")
        #expect(try await store.auditEntries(side: .ghl, recordId: "d").first?.reason == "missing from full snapshot")
    }

    @Test(arguments: StoreBackend.available)
    func markingIdsSeenBySnapshotNobodyBeganIsRefused(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.fulcrum)
        _ = try await store.finishSnapshot(.fulcrum, snapshot: seq)

        await #expect(throws: StoreError.self) { try await store.markSeen(.fulcrum, ids: ["a"], snapshot: seq) }
    }

    @Test(arguments: StoreBackend.available)
    func rawHashesAreThoseOfTheStoredRawJSONForTheIdsTheMirrorHolds(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.fulcrum)
        let rows = [Fixtures.mirror("r1", version: 1), Fixtures.mirror("r2", email: "ada@example.com")]
        try await store.ingest(.fulcrum, rows, snapshot: seq)
        _ = try await store.finishSnapshot(.fulcrum, snapshot: seq)

        let hashes = try await store.mirrorRawHashes(.fulcrum, ids: ["r2", "r1", "unknown"])

        #expect(hashes == Dictionary(uniqueKeysWithValues: rows.map { ($0.id, AgreementDigest.rawHash($0.raw)) }))
        #expect(hashes["r1"] == AgreementDigest.rawHash(bytes: Data(rows[0].raw.utf8)))
    }

    @Test(arguments: StoreBackend.available)
    func theProjectionFingerprintIsRecordedAndForgotten(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        #expect(try await store.projectionFingerprint() == nil)

        try await store.setProjectionFingerprint("p1-abc")
        #expect(try await store.projectionFingerprint() == "p1-abc")
        try await store.setProjectionFingerprint(nil)
        #expect(try await store.projectionFingerprint() == nil)
    }
}
