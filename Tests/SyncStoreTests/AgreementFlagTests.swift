import Foundation
import GRDB
import SyncCore
import Testing
@testable import SyncStore

/// Whatever writes a pair's rows after it agreed, the pair stream still tells an agreeing pair
/// from one to plan: the state file keeps each base's agreement in flags its triggers maintain
/// (schema v8), PostgreSQL compares digests in its join.
@Suite(.dropsPostgresSchemas) struct AgreementFlagTests {
    typealias Pair = AgreeingPairStoreTests

    /// What happens to an agreeing pair (base f1-c1, both rows agreeing) before it is streamed.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case nothing = "nothing"
        case fulcrumRowChanges = "its Fulcrum row changes"
        case ghlRowChangesAndChangesBack = "its GHL row changes and changes back"
        case ghlRowIsRemoved = "its GHL row is removed"
        case baseGetsNewValues = "its base is recorded with new values"
        case relinkedToADifferingContact = "it is relinked to a contact that differs"
        case relinkedToAnAgreeingContact = "it is relinked to a contact that agrees"
        case baseIsRemovedAndRecordedAgain = "its base is removed and recorded again"

        var testDescription: String { rawValue }
        var staysAgreeing: Bool { [.nothing, .ghlRowChangesAndChangesBack, .relinkedToAnAgreeingContact, .baseIsRemovedAndRecordedAgain].contains(self) }
    }

    static func apply(_ change: Change, to store: any StateStore) async throws {
        switch change {
        case .nothing: break
        case .fulcrumRowChanges: try await store.upsert(.fulcrum, [Pair.side("f1", link: "c1", name: "Grace")])
        case .ghlRowChangesAndChangesBack:
            try await store.upsert(.ghl, [Pair.side("c1", link: "f1", name: "Grace")])
            try await store.upsert(.ghl, [Pair.side("c1", link: "f1")])
        case .ghlRowIsRemoved: try await store.remove(.ghl, ids: ["c1"], runId: nil, reason: "deleted")
        case .baseGetsNewValues:
            var base = Pair.base
            base.fields["name"] = FieldValue(canonical: "grace", text: "Grace")
            try await store.recordBase(base)
        case .relinkedToADifferingContact, .relinkedToAnAgreeingContact:
            let name = change == .relinkedToAnAgreeingContact ? "Ada" : "Grace"
            try await store.upsert(.ghl, [Pair.side("c2", link: "f1", name: name)])
            try await store.unlink(fulcrumId: "f1")
            var base = Pair.base
            base.contactId = "c2"
            try await store.recordBase(base)
            // The Fulcrum row names its contact (the digest covers the link).
            try await store.upsert(.fulcrum, [Pair.side("f1", link: "c2")])
        case .baseIsRemovedAndRecordedAgain:
            try await store.removeBase(fulcrumId: "f1")
            try await store.recordBase(Pair.base)
        }
    }

    @Test(arguments: StoreBackend.available, Change.allCases)
    func anAgreeingPairIsStreamedAsAgreeingOnlyWhileBothRowsAgreeWithItsBaseAfter(backend: StoreBackend, _ change: Change) async throws {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        // The rows first, then the base, as a first run stores them.
        try await store.upsert(.fulcrum, [Pair.side("f1", link: "c1")])
        try await store.upsert(.ghl, [Pair.side("c1", link: "f1")])
        try await store.recordBase(Pair.base)
        try await Self.apply(change, to: store)

        var lean: [LinkedPair] = []
        try await store.forEachLinkedPair(keeping: []) { lean += $0 }
        var decoded: [(PairBase, RecordState?, RecordState?)] = []
        try await store.forEachLinkedPair { decoded += $0 }
        let pair = try #require(decoded.first)
        if change.staysAgreeing {
            #expect(lean == [.agreeing(AgreeingPair(fulcrumId: "f1", contactId: pair.0.contactId))])
        } else {
            #expect(lean == [.decoded(pair.0, pair.1, pair.2)])
        }
    }

    @Test func aSnapshotIntoAFileWithoutBasesLeavesTheFlagTriggersInPlaceForTheWritesAfterIt() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.path("state.sqlite"), ingestGroupSize: 1)
        let triggers = "SELECT group_concat(name || ': ' || sql, ' | ') FROM (SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name)"
        let before = try store.rawValue(triggers)
        func snapshot(_ side: Side, _ record: MirrorRecord) async throws {
            let seq = try await store.beginSnapshot(side)
            try await store.ingest(side, [record], snapshot: seq)
            _ = try await store.finishSnapshot(side, snapshot: seq)
        }
        try await snapshot(.fulcrum, Pair.side("f1", link: "c1"))
        try await snapshot(.ghl, Pair.side("c1", link: "f1"))
        #expect(try store.rawValue(triggers) == before)

        try await store.recordBase(Pair.base)
        var lean: [LinkedPair] = []
        try await store.forEachLinkedPair(keeping: []) { lean += $0 }
        #expect(lean == [.agreeing(AgreeingPair(fulcrumId: "f1", contactId: "c1"))])
        // With a base, the next snapshot's changed row clears its flag through the trigger.
        try await snapshot(.fulcrum, Pair.side("f1", link: "c1", name: "Grace"))
        #expect(try store.rawValue("SELECT fulcrum_agrees || ghl_agrees FROM base") == "01")
    }

    @Test func finishingASnapshotWithNothingLeftToWriteLeavesTheSchemaAlone() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStateStore(path: directory.path("state.sqlite"), ingestGroupSize: 1)
        let version = "SELECT CAST(schema_version AS TEXT) FROM pragma_schema_version"
        let seq = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, [Pair.side("f1", link: "c1")], snapshot: seq)
        let before = try store.rawValue(version)

        #expect(try await store.finishSnapshot(.fulcrum, snapshot: seq).seen == 1)
        #expect(try store.rawValue(version) == before)
    }

    @Test func aFileFromBeforeTheFlagsIsUpgradedWithEachPairsAgreementWorkedOut() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("v7.sqlite")
        let old = try SQLiteStateStore(path: path)
        try await old.upsert(.fulcrum, [Pair.side("f1", link: "c1"), Pair.side("f2", link: "c2")])
        try await old.upsert(.ghl, [Pair.side("c1", link: "f1"), Pair.side("c2", link: "f2", name: "Grace")])
        try await old.recordBase(Pair.base)
        var second = Pair.base
        (second.fulcrumId, second.contactId) = ("f2", "c2")
        try await old.recordBase(second)
        try old.close()
        // Back to v7: the flags, their triggers and the migration's record go.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: "ALTER TABLE base DROP COLUMN fulcrum_agrees")
            try db.execute(sql: "ALTER TABLE base DROP COLUMN ghl_agrees")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v8-agreement-flags'")
        }
        try queue.close()

        let store = try SQLiteStateStore(path: path)
        #expect(try await store.schemaVersion() == "v8-agreement-flags")
        #expect(try store.rawValue("SELECT group_concat(fulcrum_id || ':' || fulcrum_agrees || ghl_agrees) FROM base") == "f1:11,f2:10")
        var lean: [LinkedPair] = []
        try await store.forEachLinkedPair(keeping: []) { lean += $0 }
        #expect(lean.first == .agreeing(AgreeingPair(fulcrumId: "f1", contactId: "c1")))
        #expect(lean.count == 2 && lean.last != .agreeing(AgreeingPair(fulcrumId: "f2", contactId: "c2")))
    }

    @Test func aCopyLeavesTheFlagsOutAndTheNewFileWorksThemOutAgain() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.upsert(.fulcrum, [Pair.side("f1", link: "c1")])
        try await store.upsert(.ghl, [Pair.side("c1", link: "f1")])
        try await store.recordBase(Pair.base)
        var columns: [String] = []
        try await store.exportRows(of: "base", chunk: 100) { columns = $0.columns }
        #expect(!columns.contains("fulcrum_agrees") && !columns.contains("ghl_agrees") && columns.contains("state"))

        let copy = try await Fixtures.store(in: directory, name: "copy.sqlite")
        try await StateCopy(from: store, to: copy).run()
        var lean: [LinkedPair] = []
        try await copy.forEachLinkedPair(keeping: []) { lean += $0 }
        #expect(lean == [.agreeing(AgreeingPair(fulcrumId: "f1", contactId: "c1"))])
    }
}
