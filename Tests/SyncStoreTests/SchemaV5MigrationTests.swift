import Foundation
import GRDB
import SyncCore
import Testing
import TestSupport
@testable import SyncStore

/// Opening a state file written before schema v5 upgrades it in place and loses nothing.
@Suite struct SchemaV5MigrationTests {
    /// Every mirror row of the old file: id, raw JSON and projection, read as v4 stored them.
    static func oldRows(_ path: String) throws -> [Side: [String: (raw: String, projection: Data)]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var rows: [Side: [String: (raw: String, projection: Data)]] = [:]
            for side in Side.allCases {
                for row in try Row.fetchAll(db, sql: "SELECT id, raw, projection FROM \(side.mirrorTable)") {
                    rows[side, default: [:]][row[0]] = (row[1], row[2])
                }
            }
            return rows
        }
    }

    @Test func aV4FileKeepsEveryRecordsRawJSONAndProjectionByteForByte() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        try OldStateFixture.copyState(to: path)
        let before = try Self.oldRows(path)
        #expect(before[.fulcrum]?.count == 10 && before[.ghl]?.count == 10)
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.schemaVersion() == StateSchema.currentVersion)
        for side in Side.allCases {
            for (id, old) in before[side] ?? [:] {
                #expect(try await store.rawRecord(side, id: id) == old.raw, "\(side) \(id)")
                #expect(try await store.record(side, id: id) == ProjectionCodec.decode(old.projection), "\(side) \(id)")
            }
        }
    }

    @Test func aV4FileComesOutSmallerWithItsRawJSONCompressed() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        try OldStateFixture.copyState(to: path)
        let oldRawBytes = try Self.oldRows(path).values.flatMap(\.values).reduce(0) { $0 + $1.raw.utf8.count }
        let store = try SQLiteStateStore(path: path)
        let sum = try store.rawValue(
            "SELECT (SELECT sum(length(raw)) FROM fulcrum_records) + (SELECT sum(length(raw)) FROM ghl_contacts)")
        let newRawBytes = try #require(sum.flatMap { Int($0) })
        #expect(newRawBytes * 2 < oldRawBytes, "\(newRawBytes) bytes compressed, \(oldRawBytes) before")
    }

    @Test func everyBaseOfAV4FileAgreesWithItsMirrorsAfterTheUpgrade() async throws {
        // The fixture's first reconcile left every pair agreed on both sides: with the digests
        // filled in, planning decodes no side of any of them.
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        try OldStateFixture.copyState(to: path)
        let store = try SQLiteStateStore(path: path)
        let agreeing = try store.rawValue("""
            SELECT count(*) FROM base b JOIN fulcrum_records f ON f.id = b.fulcrum_id JOIN ghl_contacts g ON g.id = b.contact_id
            WHERE b.fulcrum_digest = f.digest AND b.ghl_digest = g.digest
            """)
        #expect(agreeing == "10")
    }
}
