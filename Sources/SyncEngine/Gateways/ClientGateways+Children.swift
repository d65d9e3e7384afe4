import Foundation
import FulcrumAPI
import HighLevelAPI
import SyncCore
import SyncHTTP

extension GHLClientGateway: GHLChildGateway {
    public func children(_ kind: ChildKind, contactId: String) async throws -> [RawRecord] {
        let items: [HighLevelItem]
        switch kind {
        case .note: items = try await client.notes(contactId: contactId)
        case .task: items = try await client.tasks(contactId: contactId)
        case .appointment: items = try await client.appointments(contactId: contactId)
        }
        return items.map { RawRecord(id: $0.id, json: $0.json) }
    }

    public func createChild(_ kind: ChildKind, contactId: String, body: Data) async throws -> RawRecord {
        let item = kind == .task
            ? try await client.createTask(contactId: contactId, json: body) : try await client.createNote(contactId: contactId, json: body)
        return RawRecord(id: item.id, json: item.json)
    }

    public func updateChild(_ kind: ChildKind, contactId: String, id: String, body: Data) async throws -> RawRecord {
        let item = kind == .task
            ? try await client.updateTask(contactId: contactId, taskId: id, json: body)
            : try await client.updateNote(contactId: contactId, noteId: id, json: body)
        return RawRecord(id: item.id, json: item.json)
    }

    public func completeTask(contactId: String, id: String, completed: Bool) async throws -> RawRecord {
        let item = try await client.completeTask(contactId: contactId, taskId: id, completed: completed)
        return RawRecord(id: item.id, json: item.json)
    }

    public func deleteChild(_ kind: ChildKind, contactId: String, id: String) async throws {
        do {
            if kind == .task { try await client.deleteTask(contactId: contactId, taskId: id) } else {
                try await client.deleteNote(contactId: contactId, noteId: id)
            }
        } catch let error as APIError where error.isNotFound {
            // Already gone: the delete's goal holds.
        }
    }
}

extension FulcrumClientGateway: FulcrumReplaceGateway {
    public func replace(id: String, body: Data) async throws -> RawRecord {
        let record = try await client.replaceRecord(id: id, json: body)
        return RawRecord(id: record.id, json: record.json)
    }
}
