import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// A linked pair with a base is one row (schema v6); a link without a base is kept on its own.
@Suite(.dropsPostgresSchemas) struct FoldedLinkTests {
    @Test(arguments: StoreBackend.available)
    func aPairWithABaseIsStoredInItsBaseRowAlone(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBases([Fixtures.base("f1", "c1"), Fixtures.base("f2", "c2")])
        #expect(try await backend.rawValue(store, "SELECT count(*) FROM links") == "0")
        #expect(try await backend.rawValue(store, "SELECT count(*) FROM base WHERE linked_at IS NOT NULL") == "2")
    }

    @Test(arguments: StoreBackend.available)

    func aLinkKeptWithoutABaseMovesIntoTheBaseKeepingTheTimeItWasMade(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let times = Times(Fixtures.epoch)
        let store = try await backend.store(in: directory, clock: StoreClock { times.now })
        try await store.link(fulcrumId: "f1", contactId: "c1")
        let linkedAt = try await backend.rawValue(store, "SELECT linked_at FROM links WHERE fulcrum_id = 'f1'")
        times.now = Fixtures.epoch.addingTimeInterval(3600)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        #expect(try await backend.rawValue(store, "SELECT linked_at FROM base WHERE fulcrum_id = 'f1'") == linkedAt)
        #expect(try await backend.rawValue(store, "SELECT count(*) FROM links") == "0")
    }

    @Test(arguments: StoreBackend.available)

    func forgettingABaseKeepsItsLinkAndTheTimeItWasMade(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        let linkedAt = try await backend.rawValue(store, "SELECT linked_at FROM base WHERE fulcrum_id = 'f1'")
        try await store.removeBase(fulcrumId: "f1")
        #expect(try await backend.rawValue(store, "SELECT linked_at FROM links WHERE fulcrum_id = 'f1'") == linkedAt)
        #expect(try await store.linkedRecord(contactId: "c1") == "f1")
    }
}

extension FoldedLinkTests {
    @Test(arguments: StoreBackend.available)
    func basesRecordedTogetherMoveTheirKeptLinksInAndKeepTheirTimes(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let times = Times(Fixtures.epoch)
        let store = try await backend.store(in: directory, clock: StoreClock { times.now })
        try await store.link(fulcrumId: "f1", contactId: "c1")
        let linkedAt = try await backend.rawValue(store, "SELECT linked_at FROM links WHERE fulcrum_id = 'f1'")
        times.now = Fixtures.epoch.addingTimeInterval(3600)

        try await store.recordBases([Fixtures.base("f1", "c1"), Fixtures.base("f2", "c2"), Fixtures.base("f2", "c2")])

        #expect(try await backend.rawValue(store, "SELECT linked_at FROM base WHERE fulcrum_id = 'f1'") == linkedAt)
        #expect(try await backend.rawValue(store, "SELECT count(*) FROM links") == "0")
        #expect(try await store.baseCount() == 2)
    }

    @Test(arguments: StoreBackend.available, ["a stored link", "an earlier base of the same call"])
    func basesRecordedTogetherRefuseALinkToAnotherRecordAndWriteNone(backend: StoreBackend, _ other: String) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        var bases = [Fixtures.base("f1", "c1"), Fixtures.base("f2", "c1")]
        if other == "a stored link" {
            try await store.link(fulcrumId: "f9", contactId: "c1")
            bases = [Fixtures.base("f1", "c5"), Fixtures.base("f2", "c1")]
        }

        let error = await #expect(throws: StoreError.self) { try await store.recordBases(bases) }

        #expect(error?.code == .linkConflict)
        #expect(try await store.baseCount() == 0)
    }
}

/// A settable clock for one test.
// @unchecked Sendable: set only between awaited store calls of one test.
final class Times: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}
