import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore

/// The demo's activity trail: notes and tasks on both sides, appointments booked in GHL.
extension DemoSeed {
    /// Adds notes and tasks to some GHL contacts (through the API) and to some Fulcrum records
    /// (GET then PUT of the whole record, as the app saves it), and books appointments in GHL;
    /// returns what was added, for the tour's narration, and the contact of each appointment.
    func seedChildren() async throws -> (text: String, appointments: [String: String]) {
        let form = try FormDefinition(json: try await sims.fulcrumClient.form(id: sims.summary.fulcrum.formId))
        let children = try ResolvedChildren(sims.config.children, form: form)
        let contacts = await sims.cluster.ghl.store.allContacts().sorted { $0.id < $1.id }
        var counts = (ghlNotes: 0, ghlTasks: 0, appointments: 0, fulcrumNotes: 0, fulcrumTasks: 0)
        var booked: [String: String] = [:]
        for (index, contact) in contacts.prefix(24).enumerated() {
            _ = try await sims.ghlClient.createNote(
                contactId: contact.id, json: try Self.json(["body": "Called \(contact.string("firstName") ?? "them") about the quote"]))
            counts.ghlNotes += 1
            if index % 2 == 0 {
                _ = try await sims.ghlClient.createTask(
                    contactId: contact.id, json: try Self.json(["title": "Send the quote", "dueDate": "2026-12-0\(1 + index % 8)T15:00:00Z", "completed": index % 4 == 0]))
                counts.ghlTasks += 1
            }
            if index % 3 == 0 {
                await sims.cluster.ghl.store.addAppointment([
                    "id": .string("demo-appt-\(index)"), "contactId": .string(contact.id), "calendarId": "demo-calendar",
                    "title": "Site visit", "status": "booked", "appointmentStatus": "booked",
                    "startTime": .string("2026-12-\(10 + index % 10) 09:00:00"), "endTime": .string("2026-12-\(10 + index % 10) 10:00:00"),
                ])
                counts.appointments += 1
                booked["demo-appt-\(index)"] = contact.id
            }
        }
        let records = await sims.cluster.fulcrum.store.allRecords().sorted { $0.id < $1.id }
        for (index, record) in records.prefix(16).enumerated() {
            var object = try await sims.fulcrumClient.record(id: record.id).object()
            var values = object["form_values"] as? [String: Any] ?? [:]
            if let notes = children.kind(.note), let body = notes.fields.first(where: { $0.ghl == "body" }) {
                values[notes.repeatable.key] = [["form_values": [body.element.key: "Met on site; gate code 4\(index)21"]]]
                counts.fulcrumNotes += 1
            }
            if index % 3 == 0, let tasks = children.kind(.task), let title = tasks.fields.first(where: { $0.ghl == "title" }) {
                values[tasks.repeatable.key] = [["form_values": [title.element.key: "Check the meter"]]]
                counts.fulcrumTasks += 1
            }
            object["form_values"] = values
            _ = try await sims.fulcrumClient.replaceRecord(id: record.id, json: try Self.json(object))
        }
        return ("\(counts.ghlNotes) notes, \(counts.ghlTasks) tasks and \(counts.appointments) appointments in GHL; \(counts.fulcrumNotes) notes and \(counts.fulcrumTasks) tasks in Fulcrum", booked)
    }

    static func json(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }
}

extension DemoSeed {
    /// Edits of the activity trail between the runs: GHL notes edited and deleted, tasks
    /// completed, an appointment moved and one cancelled, notes added in Fulcrum.
    func editChildren(appointments: [String: String]) async throws -> String {
        let ghl = sims.cluster.ghl.store
        let notes = await ghl.allNotes().sorted { $0.id < $1.id }
        for note in notes.prefix(3) {
            _ = try await sims.ghlClient.updateNote(contactId: note.contactId, noteId: note.id, json: try Self.json(["body": note.body + " (called back)"]))
        }
        if let gone = notes.dropFirst(3).first { try await sims.ghlClient.deleteNote(contactId: gone.contactId, noteId: gone.id) }
        let open = await ghl.allTasks().filter { !$0.completed }.sorted { $0.id < $1.id }
        for task in open.prefix(2) { _ = try await sims.ghlClient.completeTask(contactId: task.contactId, taskId: task.id, completed: true) }
        var moved = 0
        for (index, status) in [(0, "booked"), (3, "cancelled")] {
            guard let contactId = appointments["demo-appt-\(index)"] else { continue }
            await ghl.addAppointment([
                "id": .string("demo-appt-\(index)"), "contactId": .string(contactId), "calendarId": "demo-calendar",
                "title": "Site visit", "status": .string(status), "appointmentStatus": .string(status),
                "startTime": "2026-12-21 13:00:00", "endTime": "2026-12-21 14:00:00",
            ])
            moved += 1
        }
        let form = try FormDefinition(json: try await sims.fulcrumClient.form(id: sims.summary.fulcrum.formId))
        let children = try ResolvedChildren(sims.config.children, form: form)
        var added = 0
        if let kind = children.kind(.note), let body = kind.fields.first {
            for record in await sims.cluster.fulcrum.store.allRecords().sorted(by: { $0.id < $1.id }).suffix(2) {
                var object = try await sims.fulcrumClient.record(id: record.id).object()
                var values = object["form_values"] as? [String: Any] ?? [:]
                values[kind.repeatable.key] = (values[kind.repeatable.key] as? [[String: Any]] ?? []) + [["form_values": [body.element.key: "Dog in the yard"]]]
                object["form_values"] = values
                _ = try await sims.fulcrumClient.replaceRecord(id: record.id, json: try Self.json(object))
                added += 1
            }
        }
        return "3 GHL notes edited and 1 deleted, 2 GHL tasks completed, \(moved) appointments moved or cancelled, \(added) notes added in Fulcrum"
    }
}
