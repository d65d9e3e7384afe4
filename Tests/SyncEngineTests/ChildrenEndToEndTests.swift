import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import Testing

/// Issue 9, end to end over both simulators (real HTTP on loopback, a real state file): notes
/// and tasks both ways, appointments GHL -> Fulcrum, and a rerun that sends no write.
struct ChildrenEndToEndTests {
    static let record = LiveSeeds.recordId(1)
    static let contact = LiveSeeds.contactId(1)

    /// One linked pair, reconciled once.
    static func linkedPair(_ harness: inout LiveHarness) async throws {
        await LiveSeeds.pairs(harness, count: 1)
        _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
    }

    static func json(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

    @Test func aNoteAddedOnEachSideReachesTheOtherAndARerunSendsNoWrites() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            _ = try await harness.sims.ghlClient.createNote(contactId: Self.contact, json: Self.json(["body": "Called, left a message"]))
            let item = try harness.newItem(.note, ["body": "Gate code 1234"])
            try await harness.editItems(Self.record, .note) { $0 + [item] }

            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(report.failed.isEmpty, "\(report.failed)")
            let notes = await harness.notes(Self.contact)
            #expect(Set(notes.values) == ["Called, left a message", "Gate code 1234"])
            let items = try await harness.items(Self.record, .note)
            #expect(Set(items.compactMap { $0["body"] }) == ["Called, left a message", "Gate code 1234"])
            #expect(Set(items.compactMap { $0["ghlId"] }) == Set(notes.keys), "every item carries its GHL note id")

            let (rerun, writes) = try await harness.countingWrites { try await harness.reconcile(ReconcileOptions(), config: harness.childConfig) }
            #expect(writes.total == 0, "a no-change rerun sends no write: \(writes)")
            #expect(rerun.planned.isEmpty, "\(rerun.planned)")
        }
    }

    @Test func aNoteEditedOnOneSideIsCopiedAndEditedOnBothIsAConflict() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            let first = try await harness.sims.ghlClient.createNote(contactId: Self.contact, json: Self.json(["body": "one"]))
            let second = try await harness.sims.ghlClient.createNote(contactId: Self.contact, json: Self.json(["body": "two"]))
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            _ = try await harness.sims.ghlClient.updateNote(contactId: Self.contact, noteId: first.id, json: Self.json(["body": "one, edited in GHL"]))
            try await harness.setItem(Self.record, .note, ghlId: second.id, ["body": "two, edited in Fulcrum"])
            _ = try await harness.sims.ghlClient.updateNote(contactId: Self.contact, noteId: second.id, json: Self.json(["body": "two, edited in GHL"]))
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)

            let items = try await harness.items(Self.record, .note)
            #expect(items.first { $0["ghlId"] == first.id }?["body"] == "one, edited in GHL")
            let conflict = try #require(report.conflicts.first { $0.field == "notes[\(second.id)].body" })
            #expect(conflict.fulcrum == "two, edited in Fulcrum")
            #expect(conflict.ghl == "two, edited in GHL")
            let kept = conflict.winner == "fulcrum" ? "two, edited in Fulcrum" : "two, edited in GHL"
            #expect(await harness.notes(Self.contact)[second.id] == kept)
            #expect(items.first { $0["ghlId"] == second.id }?["body"] == kept)
        }
    }

    @Test func aNoteDeletedOnOneSideIsDeletedOnTheOther() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            let gone = try await harness.sims.ghlClient.createNote(contactId: Self.contact, json: Self.json(["body": "wrong number"]))
            let kept = try await harness.sims.ghlClient.createNote(contactId: Self.contact, json: Self.json(["body": "keep me"]))
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            try await harness.sims.ghlClient.deleteNote(contactId: Self.contact, noteId: gone.id)
            try await harness.editItems(Self.record, .note) { items in
                items.filter { ($0["form_values"] as? [String: Any])?.values.contains { $0 as? String == kept.id } != true }
            }
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(try await harness.items(Self.record, .note).isEmpty, "the note deleted in GHL left Fulcrum")
            #expect(await harness.notes(Self.contact).isEmpty, "the note deleted in Fulcrum left GHL")
        }
    }

    @Test func aTaskCompletedOnEachSideIsCompletedOnTheOther() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            let inGHL = try await harness.sims.ghlClient.createTask(
                contactId: Self.contact, json: Self.json(["title": "Send quote", "dueDate": "2026-12-01T17:00:00Z", "completed": false]))
            let inFulcrum = try await harness.sims.ghlClient.createTask(
                contactId: Self.contact, json: Self.json(["title": "Book visit", "dueDate": "2026-12-02T17:00:00Z", "completed": false]))
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(try await harness.items(Self.record, .task).count == 2)

            _ = try await harness.sims.ghlClient.completeTask(contactId: Self.contact, taskId: inGHL.id, completed: true)
            try await harness.setItem(Self.record, .task, ghlId: inFulcrum.id, ["completed": "yes"])
            let before = harness.stats().ghl
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(await harness.tasks(Self.contact)[inFulcrum.id]?.completed == true)
            #expect(try await harness.items(Self.record, .task).first { $0["ghlId"] == inGHL.id }?["completed"] == "yes")
            let completions = WriteCounts.between(before, harness.stats().ghl)["PUT /contacts/:contactId/tasks/:taskId/completed"]
            #expect(completions == 1, "the flag alone goes through PUT .../completed")
        }
    }

    @Test func aTaskAddedInFulcrumWithoutADueDateTakesGHLsAndARerunSendsNoWrites() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            let item = try harness.newItem(.task, ["title": "Check the meter"])
            try await harness.editItems(Self.record, .task) { $0 + [item] }
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(report.failed.isEmpty, "\(report.failed)")
            let task = try #require(await harness.tasks(Self.contact).first)
            #expect(task.value.title == "Check the meter")
            let fulcrumItem = try #require(try await harness.items(Self.record, .task).first)
            #expect(fulcrumItem["ghlId"] == task.key)
            #expect(fulcrumItem["dueDate"] != nil, "the due date GHL requires is written back to Fulcrum too")
            let (_, writes) = try await harness.countingWrites { try await harness.reconcile(ReconcileOptions(), config: harness.childConfig) }
            #expect(writes.total == 0, "both sides agree after one run: \(writes)")
        }
    }

    @Test func anAppointmentBookedMovedAndCancelledInGHLFollowsInFulcrum() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            func book(_ start: String, _ end: String, status: String) async {
                await harness.sims.cluster.ghl.store.addAppointment([
                    "id": "appt-1", "contactId": .string(Self.contact), "calendarId": "cal-1", "title": "Site visit",
                    "startTime": .string(start), "endTime": .string(end), "status": .string(status), "appointmentStatus": .string(status),
                ])
            }
            await book("2026-12-01 10:00:00", "2026-12-01 11:00:00", status: "booked")
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            var item = try #require(try await harness.items(Self.record, .appointment).first)
            #expect(item["ghlId"] == "appt-1")
            #expect(item["startTime"] == "2026-12-01T10:00:00Z", "the simulator's location time zone is UTC")
            #expect(item["status"] == "booked")

            await book("2026-12-02 14:00:00", "2026-12-02 15:00:00", status: "booked")
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            item = try #require(try await harness.items(Self.record, .appointment).first)
            #expect(item["startTime"] == "2026-12-02T14:00:00Z")

            await book("2026-12-02 14:00:00", "2026-12-02 15:00:00", status: "cancelled")
            _ = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            item = try #require(try await harness.items(Self.record, .appointment).first)
            #expect(item["status"] == "cancelled")
            #expect(harness.stats().ghl["byRoute"]?["POST /contacts/:contactId/appointments"] == nil, "nothing is written to GHL")
        }
    }

    @Test func aFulcrumEditToAnotherFieldBetweenSnapshotAndWriteIsNotLost() async throws {
        try await LiveHarness.run { harness in
            try await Self.linkedPair(&harness)
            _ = try await harness.sims.ghlClient.createNote(contactId: Self.contact, json: Self.json(["body": "from GHL"]))
            // Someone saves the record in the app after fgsync read it and before it writes the note.
            let sims = harness.sims
            harness.fulcrumGateway = EditBeforeRead(base: harness.sims.fulcrumGateway, recordId: Self.record) {
                _ = try await sims.fulcrumClient.patchRecord(
                    id: Self.record, json: try Self.json(["form_values": [sims.formKeys["company_name"]!: "Edited meanwhile"]]))
            }
            let report = try await harness.reconcile(ReconcileOptions(), config: harness.childConfig)
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(await harness.recordValue(Self.record, "company_name") == "Edited meanwhile")
            #expect(try await harness.items(Self.record, .note).map { $0["body"] } == ["from GHL"])
        }
    }
}

/// A Fulcrum gateway whose first single-record read is preceded by an edit of that record
/// (someone saving it in the app between fgsync's snapshot and its write).
struct EditBeforeRead: FulcrumGateway, FulcrumReplaceGateway {
    let base: FulcrumClientGateway
    let recordId: String
    let edit: @Sendable () async throws -> Void
    let done = Counter()

    func form() async throws -> Data { try await base.form() }
    func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await base.records(page) }
    func record(id: String) async throws -> RawRecord? {
        if id == recordId, done.next() == 1 { try await edit() }
        return try await base.record(id: id)
    }
    func create(body: Data) async throws -> RawRecord { try await base.create(body: body) }
    func patch(id: String, body: Data) async throws -> RawRecord { try await base.patch(id: id, body: body) }
    func delete(id: String) async throws { try await base.delete(id: id) }
    func replace(id: String, body: Data) async throws -> RawRecord { try await base.replace(id: id, body: body) }
}
