import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct GHLChildrenTests {
    static func contact(_ client: any TestClientProtocol) async throws -> String {
        try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "A"])).json["contact"]!["id"]!
            .stringValue!
    }

    @Test func taskCreateRequiresTitleDueDateAndCompleted() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let id = try await Self.contact(client)
            let reply = try await client.ghl(.post, "/contacts/\(id)/tasks", ["title": "Call"])
            #expect(reply.status == 422)
            #expect(reply.json["message"]?.arrayValue?.count == 2)
            #expect(await sim.store.allTasks().isEmpty)
        }
    }

    @Test func tasksCanBeListedReadUpdatedCompletedAndDeleted() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let id = try await Self.contact(client)
            let created = try await client.ghl(
                .post, "/contacts/\(id)/tasks",
                ["title": "Call", "dueDate": "2026-12-01T10:00:00Z", "completed": false])
            #expect(created.status == 201)
            let task = created.json["task"]!
            #expect(task["dueDate"] == "2026-12-01T10:00:00.000Z")
            #expect(task["contactId"] == .string(id))
            let taskId = task["id"]!.stringValue!
            #expect(try await client.ghl(.get, "/contacts/\(id)/tasks").json["tasks"]?.arrayValue?.count == 1)
            let updated = try await client.ghl(
                .put, "/contacts/\(id)/tasks/\(taskId)", ["title": "Call back"])
            #expect(updated.json["task"]?["title"] == "Call back")
            let done = try await client.ghl(
                .put, "/contacts/\(id)/tasks/\(taskId)/completed", ["completed": true])
            #expect(done.json["task"]?["completed"] == true)
            #expect(
                try await client.ghl(.get, "/contacts/\(id)/tasks/\(taskId)").json["task"]?["completed"]
                    == true)
            let deleted = try await client.ghl(.delete, "/contacts/\(id)/tasks/\(taskId)")
            #expect(deleted.json["succeded"] == true)
            #expect(try await client.ghl(.get, "/contacts/\(id)/tasks").json["tasks"] == [])
        }
    }

    @Test func notesCanBeListedReadUpdatedAndDeleted() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let id = try await Self.contact(client)
            let created = try await client.ghl(
                .post, "/contacts/\(id)/notes", ["body": "first", "title": "T"])
            #expect(created.status == 201)
            let noteId = created.json["note"]!["id"]!.stringValue!
            #expect(created.json["note"]?["pinned"] == false)
            let updated = try await client.ghl(.put, "/contacts/\(id)/notes/\(noteId)", ["body": "second"])
            #expect(updated.json["note"]?["body"] == "second")
            #expect(
                try await client.ghl(.get, "/contacts/\(id)/notes/\(noteId)").json["note"]?["title"] == "T")
            #expect(try await client.ghl(.get, "/contacts/\(id)/notes").json["notes"]?.arrayValue?.count == 1)
            #expect(try await client.ghl(.delete, "/contacts/\(id)/notes/\(noteId)").json["succeded"] == true)
            #expect(try await client.ghl(.post, "/contacts/\(id)/notes", ["title": "no body"]).status == 422)
        }
    }

    @Test func appointmentsAddedThroughControlAreListedAsEvents() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let id = try await Self.contact(client)
            _ = try await client.ghl(
                .post, "/_sim/appointments",
                [
                    "id": "appt1", "contactId": .string(id), "title": "Visit", "calendarId": "cal1",
                    "startTime": "2026-12-01 10:00:00", "endTime": "2026-12-01 11:00:00",
                    "appointmentStatus": "booked",
                ])
            let reply = try await client.ghl(.get, "/contacts/\(id)/appointments")
            #expect(reply.status == 200)
            #expect(reply.json["events"]?.arrayValue?.first?["title"] == "Visit")
            #expect(try await client.ghl(.get, "/contacts/nobody/appointments").status == 400)
        }
    }
}
