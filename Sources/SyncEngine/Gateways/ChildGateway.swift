import Foundation
import SyncCore

/// The child calls of the GHL side: a contact's notes, tasks and appointments, and note and
/// task writes (appointments are read-only). Separate from `GHLGateway` so a source that has no
/// children (saved bodies, test doubles) needs none of it.
public protocol GHLChildGateway: Sendable {
    /// The contact's children of `kind` (their raw JSON objects).
    func children(_ kind: ChildKind, contactId: String) async throws -> [RawRecord]
    /// Creates a note or task; answers with it.
    func createChild(_ kind: ChildKind, contactId: String, body: Data) async throws -> RawRecord
    /// Changes a note or task; answers with it.
    func updateChild(_ kind: ChildKind, contactId: String, id: String, body: Data) async throws -> RawRecord
    /// Sets only a task's completed flag (`PUT .../tasks/{id}/completed`).
    func completeTask(contactId: String, id: String, completed: Bool) async throws -> RawRecord
    /// Deletes a note or task (already gone counts as done).
    func deleteChild(_ kind: ChildKind, contactId: String, id: String) async throws
}

/// The Fulcrum side's whole-record replace, which a repeatable change needs (PUT wipes what it omits).
public protocol FulcrumReplaceGateway: Sendable {
    /// Replaces record `id` with `body` (`{"record": {...}}`, the whole record).
    func replace(id: String, body: Data) async throws -> RawRecord
}
