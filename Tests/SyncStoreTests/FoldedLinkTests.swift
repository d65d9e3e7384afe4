import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// A linked pair with a base is one row (schema v6); a link without a base is kept on its own.
@Suite struct FoldedLinkTests {
    @Test func aPairWithABaseIsStoredInItsBaseRowAlone() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.recordBases([Fixtures.base("f1", "c1"), Fixtures.base("f2", "c2")])
        #expect(try store.rawValue("SELECT count(*) FROM links") == "0")
        #expect(try store.rawValue("SELECT count(*) FROM base WHERE linked_at IS NOT NULL") == "2")
    }

    @Test func aLinkKeptWithoutABaseMovesIntoTheBaseKeepingTheTimeItWasMade() async throws {
        let directory = try TemporaryDirectory()
        let times = Times(Fixtures.epoch)
        let store = try SQLiteStateStore(path: directory.path("state.sqlite"), clock: StoreClock { times.now })
        try await store.link(fulcrumId: "f1", contactId: "c1")
        let linkedAt = try store.rawValue("SELECT linked_at FROM links WHERE fulcrum_id = 'f1'")
        times.now = Fixtures.epoch.addingTimeInterval(3600)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        #expect(try store.rawValue("SELECT linked_at FROM base WHERE fulcrum_id = 'f1'") == linkedAt)
        #expect(try store.rawValue("SELECT count(*) FROM links") == "0")
    }

    @Test func forgettingABaseKeepsItsLinkAndTheTimeItWasMade() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.recordBase(Fixtures.base("f1", "c1"))
        let linkedAt = try store.rawValue("SELECT linked_at FROM base WHERE fulcrum_id = 'f1'")
        try await store.removeBase(fulcrumId: "f1")
        #expect(try store.rawValue("SELECT linked_at FROM links WHERE fulcrum_id = 'f1'") == linkedAt)
        #expect(try await store.linkedRecord(contactId: "c1") == "f1")
    }
}

/// A settable clock for one test.
// @unchecked Sendable: set only between awaited store calls of one test.
final class Times: @unchecked Sendable {
    var now: Date
    init(_ now: Date) { self.now = now }
}
