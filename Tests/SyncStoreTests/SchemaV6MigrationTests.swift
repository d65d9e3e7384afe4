import Foundation
import GRDB
import SyncCore
import Testing
import TestSupport
@testable import SyncStore

/// Opening a state file written before schema v6 folds each pair's link into its base row and
/// loses nothing: every base byte for byte, every link with its time.
@Suite struct SchemaV6MigrationTests {
    /// A base row, every column as stored, and the link time of its pair.
    struct StoredBase: Equatable {
        var columns: [DatabaseValue]
        var linkedAt: String
    }

    /// The bases (with their links' times) and the links of the file at `path`, read as stored.
    static func stored(_ path: String, linkedAtInBase: Bool) throws -> (bases: [String: StoredBase], links: [String: [String]]) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var links: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT fulcrum_id, contact_id, linked_at FROM links") {
                links[row[0]] = [row[1], row[2]]
            }
            var bases: [String: StoredBase] = [:]
            let columns = "fulcrum_id, contact_id, state, deleted_side, updated_at, fulcrum_digest, ghl_digest"
            let linkedAt = linkedAtInBase ? "b.linked_at" : "(SELECT linked_at FROM links l WHERE l.fulcrum_id = b.fulcrum_id)"
            for row in try Row.fetchAll(db, sql: "SELECT \(columns), \(linkedAt) FROM base b") {
                bases[row[0]] = StoredBase(columns: Array(row.databaseValues.prefix(7)), linkedAt: row[7])
            }
            return (bases, links)
        }
    }

    /// The bases of a v4 file with their links' times, by Fulcrum id.
    static func v4Bases(_ path: String) throws -> [String: (contactId: String, state: Data, linkedAt: String)] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var rows: [String: (contactId: String, state: Data, linkedAt: String)] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT b.fulcrum_id, b.contact_id, b.state, l.linked_at FROM base b JOIN links l USING (fulcrum_id)")
            {
                rows[row[0]] = (row[1], row[2], row[3])
            }
            return rows
        }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        "X'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
    }

    /// A v5 file with two bases (one a tombstone) and a third link kept without a base.
    static func writeV5File(_ path: String) throws {
        let ada = Fixtures.base("f1", "c1")
        let grace = PairBase(
            fulcrumId: "f2", contactId: "c2", fields: ["name": Fixtures.value("Grace"), "email": Fixtures.value("G@x.io")],
            tags: TagSet(["Lead"]), deletedSide: .ghl)
        var sql = [
            "INSERT INTO links VALUES ('f1', 'c1', '2026-01-01 00:00:00.000')",
            "INSERT INTO links VALUES ('f2', 'c2', '2026-01-02 00:00:00.000')",
            "INSERT INTO links VALUES ('f3', 'c3', '2026-01-03 00:00:00.000')",
        ]
        for (base, deleted) in [(ada, "NULL"), (grace, "'ghl'")] {
            sql.append("""
                INSERT INTO base (fulcrum_id, contact_id, state, deleted_side, updated_at, fulcrum_digest, ghl_digest)
                VALUES ('\(base.fulcrumId)', '\(base.contactId)', \(hex(ProjectionCodec.encodeBase(fields: base.fields, tags: base.tags))),
                    \(deleted), '2026-02-0\(base.fulcrumId.dropFirst()) 00:00:00.000',
                    \(hex(AgreementDigest.base(base, side: .fulcrum))), \(hex(AgreementDigest.base(base, side: .ghl))))
                """)
        }
        try SQLiteStateStore.writeOldFile(path: path, upTo: "v5-lean", sql: sql)
    }

    @Test func aV5FileKeepsEveryBaseByteForByteWithItsLinksTime() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("v5.sqlite")
        try Self.writeV5File(path)
        let before = try Self.stored(path, linkedAtInBase: false)
        #expect(before.bases.count == 2)
        try SQLiteStateStore(path: path).close()
        let after = try Self.stored(path, linkedAtInBase: true)
        #expect(after.bases == before.bases)
    }

    @Test func aV5FileKeepsOnlyTheLinksWithoutABaseInLinks() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("v5.sqlite")
        try Self.writeV5File(path)
        try SQLiteStateStore(path: path).close()
        #expect(try Self.stored(path, linkedAtInBase: true).links == ["f3": ["c3", "2026-01-03 00:00:00.000"]])
    }

    @Test func aV5FileIsUpgradedToV6WithEveryLinkStillAnsweringBothWays() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("v5.sqlite")
        try Self.writeV5File(path)
        let store = try SQLiteStateStore(path: path)
        #expect(try await store.schemaVersion() == "v8-agreement-flags")
        for (fulcrumId, contactId) in [("f1", "c1"), ("f2", "c2"), ("f3", "c3")] {
            #expect(try await store.linkedContact(fulcrumId: fulcrumId) == contactId)
            #expect(try await store.linkedRecord(contactId: contactId) == fulcrumId)
        }
        #expect(try await store.base(fulcrumId: "f1") == Fixtures.base("f1", "c1"))
        #expect(try await store.base(fulcrumId: "f3") == nil)
    }

    @Test func theV4FixtureKeepsEveryBaseByteForByteWithItsLinksTime() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("state.sqlite")
        try OldStateFixture.copyState(to: path)
        let before = try Self.v4Bases(path)
        #expect(before.count == 10)
        try SQLiteStateStore(path: path).close()
        let after = try Self.stored(path, linkedAtInBase: true)
        #expect(after.bases.count == before.count)
        for (fulcrumId, old) in before {
            let new = after.bases[fulcrumId]
            #expect(new?.columns[1] == old.contactId.databaseValue, "\(fulcrumId)")
            #expect(new?.columns[2] == old.state.databaseValue, "\(fulcrumId)")
            #expect(new?.linkedAt == old.linkedAt, "\(fulcrumId)")
        }
        #expect(after.links.isEmpty)
    }
}
