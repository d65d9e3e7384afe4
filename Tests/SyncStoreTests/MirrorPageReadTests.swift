import Foundation
import SyncCore
@testable import SyncStore
import Testing

@Suite(.dropsPostgresSchemas)
struct MirrorPageReadTests {
    @Test(arguments: StoreBackend.available)
    func aPageReadGivesEachMirroredRecordsProjectionByIdAndLeavesOutTheOthers(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        let seq = try await store.beginSnapshot(.ghl)
        let mirrored = [Fixtures.mirror("c1", email: "Ada@Example.com"), Fixtures.mirror("c2")]
        try await store.ingest(.ghl, mirrored, snapshot: seq)
        _ = try await store.finishSnapshot(.ghl, snapshot: seq)

        let found = try await store.records(.ghl, ids: ["c2", "c1", "unknown"])

        #expect(found == ["c1": mirrored[0].projection, "c2": mirrored[1].projection])
    }
}
