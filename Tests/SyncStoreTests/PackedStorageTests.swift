import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// The state file packs each mirror row's projection and raw JSON into one frame, and each
/// base state, against the side's dictionary; everything reads back whole, rows from before
/// packing read as they are, and a copy leaves with nothing packed.
@Suite struct PackedStorageTests {
    static let companies = ["Blue Ridge Forestry", "Harbor Light Dental", "Northgate Surveying"]

    static func fields(_ index: Int) -> [String: FieldValue] {
        let company = companies[index % companies.count]
        return [
            "company": Fixtures.value(company), "email": Fixtures.value("person\(index)@example.com"),
            "first_name": Fixtures.value("Person"), "last_name": Fixtures.value("Number\(index)"),
        ]
    }

    static func mirror(_ index: Int) -> MirrorRecord {
        let id = "rec-\(10_000 + index)"
        let raw = """
            {"id":"\(id)","status":"active","form_values":{"company":"\(companies[index % companies.count])",\
            "email":"person\(index)@example.com","first_name":"Person","last_name":"Number\(index)"}}
            """
        return MirrorRecord(projection: RecordState(id: id, fields: fields(index), tags: TagSet(["VIP"])), raw: raw, version: 3)
    }

    static func base(_ index: Int) -> PairBase {
        PairBase(fulcrumId: "rec-\(10_000 + index)", contactId: "c-\(index)", fields: fields(index), tags: TagSet(["vip"]))
    }

    /// A store holding a full Fulcrum snapshot of 150 records.
    static func snapshotStore(_ directory: TemporaryDirectory) async throws -> SQLiteStateStore {
        let store = try await Fixtures.store(in: directory)
        let seq = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, (0..<150).map(mirror), snapshot: seq)
        _ = try await store.finishSnapshot(.fulcrum, snapshot: seq)
        return store
    }

    @Test func aSnapshotKeepsEachRecordsProjectionAndRawJSONInOnePackedFrameAndReadsBothBackWhole() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.snapshotStore(directory)
        let packed = try store.rawValue(
            "SELECT count(*) FROM fulcrum_records WHERE hex(substr(projection, 1, 1)) = '5A' AND length(raw) = 0")
        #expect(packed == "150")
        for index in [0, 77, 149] {
            let record = Self.mirror(index)
            #expect(try await store.record(.fulcrum, id: record.id) == record.projection)
            #expect(try await store.rawRecord(.fulcrum, id: record.id) == record.raw)
        }
    }

    @Test func aBaseRecordedOnceTheSideHasADictionaryIsPackedAndStreamsBackWhole() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.snapshotStore(directory)
        try await store.recordBases((0..<150).map(Self.base))
        #expect(try store.rawValue("SELECT count(*) FROM base WHERE hex(substr(state, 1, 1)) = '5A'") == "150")
        #expect(try await store.base(fulcrumId: "rec-10042") == Self.base(42))
        var streamed: [PairBase] = []
        try await store.forEachLinkedPair(batchSize: 40) { batch in streamed += batch.map(\.0) }
        #expect(streamed == (0..<150).map(Self.base).sorted { $0.fulcrumId < $1.fulcrumId })
    }

    @Test func aBaseRecordedBeforeAnySnapshotIsKeptAsItIsAndStillReads() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Fixtures.store(in: directory)
        try await store.recordBase(Self.base(7))
        let seq = try await store.beginSnapshot(.fulcrum)
        try await store.ingest(.fulcrum, (0..<150).map(Self.mirror), snapshot: seq)
        _ = try await store.finishSnapshot(.fulcrum, snapshot: seq)

        #expect(try store.rawValue("SELECT substr(state, 1, 1) FROM base") == "B")
        #expect(try await store.base(fulcrumId: "rec-10007") == Self.base(7))
        let pairs = try await store.linkedPairs(fulcrumIds: ["rec-10007"], contactIds: [])
        #expect(pairs.first?.1 == Self.mirror(7).projection)
    }

    @Test func aCopyCarriesTheCodecBytesAndTheRawJSONCompressedOnItsOwn() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.snapshotStore(directory)
        try await store.recordBases((0..<150).map(Self.base))
        var exported: [StateRows] = []
        for table in ["fulcrum_records", "base"] {
            try await store.exportRows(of: table, chunk: 1_000) { exported.append($0) }
        }
        let mirrors = try #require(exported.first { $0.table == "fulcrum_records" })
        let column = { (name: String) in try #require(mirrors.columns.firstIndex(of: name)) }
        let (projection, raw, dictionary) = (try column("projection"), try column("raw"), try column("raw_dict"))
        let dictionaries = try await Self.dictionaries(store)
        for (index, row) in mirrors.rows.enumerated() {
            guard case .blob(let codec) = row[projection], case .blob(let compressed) = row[raw],
                case .integer(let id) = row[dictionary]
            else { Issue.record("row \(index) is not blobs and an id"); continue }
            #expect(try ProjectionCodec.decode(codec) == Self.mirror(index).projection)
            #expect(try RawCompressor.expand(compressed, dictionary: dictionaries[id] ?? []) == Self.mirror(index).raw)
        }
        let bases = try #require(exported.first { $0.table == "base" })
        let state = try #require(bases.columns.firstIndex(of: "state"))
        #expect(bases.rows.allSatisfy { row in if case .blob(let data) = row[state] { data.first == UInt8(ascii: "B") } else { false } })
    }

    @Test func aCopyIntoANewStateFileReadsAsTheOriginal() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.snapshotStore(directory)
        try await store.recordBases((0..<150).map(Self.base))
        let copy = try await Fixtures.store(in: directory, name: "copy.sqlite")
        try await StateCopy(from: store, to: copy).run()

        let original = try await store.loadAll()
        let copied = try await copy.loadAll()
        #expect(copied.bases == original.bases)
        #expect(copied.fulcrum == original.fulcrum)
        #expect(try await copy.rawRecord(.fulcrum, id: "rec-10099") == Self.mirror(99).raw)
    }

    @Test func aDamagedPackedProjectionFailsNamingTheStateFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try await Self.snapshotStore(directory)
        try store.executeRawSQL("UPDATE fulcrum_records SET projection = X'5A01' || randomblob(24) WHERE id = 'rec-10003'")
        let error = await #expect(throws: StoreError.self) { try await store.record(.fulcrum, id: "rec-10003") }
        #expect(error?.code == .corruptValue)
        #expect(error?.message.contains(directory.path("state.sqlite")) == true)
    }

    /// Every raw dictionary of `store`, by id.
    static func dictionaries(_ store: SQLiteStateStore) async throws -> [Int64: [UInt8]] {
        var found: [Int64: [UInt8]] = [:]
        try await store.exportRows(of: "raw_dictionaries", chunk: 100) { rows in
            for row in rows.rows {
                if case .integer(let id) = row[0], case .blob(let bytes) = row[2] { found[id] = [UInt8](bytes) }
            }
        }
        return found
    }
}
