import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// The GHL writes one by one, then the pair's Fulcrum writes as one read-modify-PUT.
extension ChildPropagator {
    func writeGHL(_ write: inout ChildWrite, outcome: inout Propagator.Outcome) async throws {
        let encoder = ChildWriteEncoder(children: mapping.children)
        let time = ChildTime(timeZone: mapping.children.timeZone)
        let defaultDue = time.iso(store.clock.now().addingTimeInterval(86_400))
        for entry in write.entries where entry.operation.side == .ghl {
            let operation = entry.operation
            guard let kind = operation.kind.childKind else { continue }
            let body = try JSONSerialization.data(withJSONObject: encoder.ghlBody(operation, defaultDue: defaultDue))
            if operation.kind == .createNote || operation.kind == .createTask {
                // A create whose answer is lost stays pending: `Recovery` finds it by what it sent.
                let created = try await Propagator.sendCreate(entry, named: Self.describe(operation), reached: reached) {
                    try await ghl.createChild(kind, contactId: write.contactId, body: body)
                }
                if let itemId = operation.childItemId {
                    write.ghlIds[itemId] = created.id
                    write.filledIn(itemId: itemId, planned: operation, created: created, projection: ChildProjection(children: mapping.children))
                    // Linked to its item at once: whatever stops the pair's Fulcrum write, the
                    // next run diffs the item against this child instead of creating another.
                    try await store.completeChildCreate(
                        entry.id, response: created.id, fulcrumId: write.fulcrumId, contactId: write.contactId,
                        child: ChildBase(kind: kind, ghlId: created.id, fulcrumItemId: itemId, fields: operation.fields.compactMapValues { $0 }))
                } else {
                    try await store.completeJournal(entry.id, response: created.id)
                }
            } else {
                try await send(entry) {
                    switch operation.kind {
                    case .completeTask:
                        guard let id = operation.childId else { throw Self.noGHLId(operation) }
                        _ = try await ghl.completeTask(
                            contactId: write.contactId, id: id, completed: operation.fields["completed"]??.canonical == "true")
                    case .deleteNote, .deleteTask:
                        guard let id = operation.childId else { throw Self.noGHLId(operation) }
                        try await ghl.deleteChild(kind, contactId: write.contactId, id: id)
                    default:
                        guard let id = operation.childId else { throw Self.noGHLId(operation) }
                        _ = try await ghl.updateChild(kind, contactId: write.contactId, id: id, body: body)
                    }
                }
                try await store.completeJournal(entry.id, response: nil)
            }
            write.done.insert(entry.id)
            reached("done ghl \(operation.kind.rawValue)")
            outcome.applied.append(operation)
            progress.applied(failed: false)
        }
    }

    /// GET the record, check its version, apply every child write to it, PUT it whole.
    /// Returns the record the PUT answered with (`nil` when there was no Fulcrum write).
    func writeFulcrum(_ write: inout ChildWrite, outcome: inout Propagator.Outcome) async throws -> RawRecord? {
        let entries = write.entries.filter { $0.operation.side == .fulcrum }
        guard let first = entries.first else { return nil }
        guard let replacing = fulcrum as? any FulcrumReplaceGateway else {
            throw WriteFailure(entry: first, message: "this Fulcrum source cannot replace a record, which a repeatable change needs")
        }
        let projection = ChildProjection(children: mapping.children)
        let fresh = try await send(first) { try await fulcrum.record(id: write.fulcrumId) }
        guard let fresh else {
            throw WriteFailure(entry: first, message: "Fulcrum record \(write.fulcrumId) was deleted since it was read; the next run settles the pair")
        }
        let freshObject = fresh.object
        let version = try await store.fulcrumVersion(id: write.fulcrumId)
        if freshObject["version"] as? Int != version {
            // Moved since the snapshot: compare the items (the record's other fields are carried over).
            let snapshot = try await store.rawRecord(.fulcrum, id: write.fulcrumId)
                .flatMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] } ?? [:]
            if Set(projection.fulcrumItems(of: freshObject)) != Set(projection.fulcrumItems(of: snapshot)) {
                throw WriteFailure(
                    entry: first,
                    message: "Fulcrum record \(write.fulcrumId) changed its notes, tasks or appointments since it was read (version \(version ?? 0) -> \(freshObject["version"] as? Int ?? 0)); not overwritten: the next run plans the pair again")
            }
        }
        let now = String(format: "%.3f", store.clock.now().timeIntervalSince1970)
        let (record, created) = ChildWriteEncoder(children: mapping.children).apply(
            entries.map(\.operation) + write.fillIns, to: freshObject, ghlIds: write.ghlIds, newItemId: newItemId, now: now)
        write.itemIds.merge(created) { $1 }
        let body = try JSONSerialization.data(withJSONObject: record)
        let answer = try await send(first) { try await replacing.replace(id: write.fulcrumId, body: body) }
        for _ in entries { progress.applied(failed: false) }
        return answer
    }

    /// A write to an existing GHL child that names none: never counted as done (nothing was sent).
    static func noGHLId(_ operation: SyncCore.Operation) -> SyncEngineError {
        SyncEngineError(.input, "\(operation.kind.rawValue) of a child of GHL contact \(operation.contactId ?? "?") names no GHL id; nothing was sent, and the next run plans it again")
    }

    /// Sends one request through the contacts' sending function (`Propagator.send`): any error
    /// becomes a `WriteFailure` naming the child write and keeping its cause.
    @discardableResult
    func send<T: Sendable>(_ entry: JournalEntry, _ call: () async throws -> T) async throws -> T {
        try await Propagator.send(entry, named: Self.describe(entry.operation), reached: reached, call)
    }
}
