import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite(.dropsPostgresSchemas) struct PairStreamingTests {
    @Test(arguments: StoreBackend.available)
    func streamingReturnsPairsInKeyOrderWithMissingSidesAsNil(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        // Bases written out of order; f2 has no Fulcrum record, f3 no GHL contact.
        for (fulcrumId, contactId) in [("f3", "c3"), ("f1", "c1"), ("f4", "c4"), ("f2", "c2")] {
            try await store.recordBase(Fixtures.base(fulcrumId, contactId))
        }
        try await store.upsert(.fulcrum, ["f1", "f3", "f4"].map { Fixtures.mirror($0) })
        try await store.upsert(.ghl, ["c1", "c2", "c4"].map { Fixtures.mirror($0) })

        var seen: [(String, String?, String?)] = []
        var batchSizes: [Int] = []
        try await store.forEachLinkedPair(batchSize: 3) { batch in
            batchSizes.append(batch.count)
            seen += batch.map { ($0.0.fulcrumId, $0.1?.id, $0.2?.id) }
        }
        #expect(seen.map(\.0) == ["f1", "f2", "f3", "f4"])
        #expect(seen.map(\.1) == ["f1", nil, "f3", "f4"])
        #expect(seen.map(\.2) == ["c1", "c2", nil, "c4"])
        #expect(batchSizes == [3, 1])
    }

    @Test(arguments: StoreBackend.available)

    func aThrowingBodyStopsStreamingAndRethrows(backend: StoreBackend) async throws {
        struct Stop: Error {}
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBases((0..<50).map { Fixtures.base(String(format: "f%03d", $0), String(format: "c%03d", $0)) })
        var batches = 0
        await #expect(throws: Stop.self) {
            try await store.forEachLinkedPair(batchSize: 10) { _ in
                batches += 1
                if batches == 2 { throw Stop() }
            }
        }
        #expect(batches == 2)
        // The store stays usable: a new stream sees everything.
        var count = 0
        try await store.forEachLinkedPair(batchSize: 7) { count += $0.count }
        #expect(count == 50)
    }

    @Test(arguments: StoreBackend.available)

    func streamingAnEmptyFileCallsNothing(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        var called = false
        try await store.forEachLinkedPair { _ in called = true }
        #expect(!called)
    }

    @Test(arguments: StoreBackend.available)

    func streamedBasesRoundTripExactly(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        var base = Fixtures.base("f1", "c1")
        base.deletedSide = .ghl
        try await store.recordBase(base)
        var streamed: [PairBase] = []
        try await store.forEachLinkedPair { batch in streamed += batch.map(\.0) }
        #expect(streamed == [base])
        #expect(try await store.base(fulcrumId: "f1") == base)
    }

    @Test(arguments: StoreBackend.available)

    func unlinkedRecordsAreThoseWithoutABase(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        try await store.upsert(.fulcrum, ["f2", "f1", "f3"].map { Fixtures.mirror($0) })
        try await store.upsert(.ghl, ["c1", "c9"].map { Fixtures.mirror($0) })
        #expect(try await store.unlinkedRecords(.fulcrum).map(\.id) == ["f2", "f3"])
        #expect(try await store.unlinkedRecords(.ghl).map(\.id) == ["c9"])
    }

    @Test(arguments: StoreBackend.available)

    func loadAllReturnsBasesAndBothMirrorsSorted(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBases([Fixtures.base("f2", "c2"), Fixtures.base("f1", "c1")])
        try await store.upsert(.fulcrum, [Fixtures.mirror("f2"), Fixtures.mirror("f1")])
        try await store.upsert(.ghl, [Fixtures.mirror("c1")])
        let contents = try await store.loadAll()
        #expect(contents.bases.map(\.fulcrumId) == ["f1", "f2"])
        #expect(contents.fulcrum.map(\.id) == ["f1", "f2"])
        #expect(contents.ghl.map(\.id) == ["c1"])
    }

    @Test(arguments: StoreBackend.available)

    func linkingARecordAlreadyLinkedElsewhereIsRefused(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        let error = await #expect(throws: StoreError.self) { try await store.recordBase(Fixtures.base("f2", "c1")) }
        #expect(error?.code == .linkConflict)
        #expect(error?.message.contains("f1") == true)
        #expect(try await store.baseCount() == 1)
    }

    @Test(arguments: StoreBackend.available)

    func unlinkingAPairDropsItsBase(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        try await store.unlink(fulcrumId: "f1")
        #expect(try await store.base(fulcrumId: "f1") == nil)
        #expect(try await store.linkedContact(fulcrumId: "f1") == nil)
    }
}
