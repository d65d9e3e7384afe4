import Foundation
import SyncCore
import SyncStore
import SyncHTTP

/// Sending one pair's writes: creates and deletes first as planned, then at most one coalesced
/// write per side (a GHL PUT, a Fulcrum PATCH) and GHL's tag calls.
extension Propagator {
    func execute(_ state: inout PairWrite, depth: Int, outcome: inout Outcome) async throws {
        // Creates and deletes, in plan order (a create comes before the link on the other side).
        for entry in state.entries where entry.operation.kind == .create || entry.operation.kind == .delete {
            state.current = entry
            let isLast = state.open.count == 1
            switch (entry.operation.side, entry.operation.kind) {
            case (.fulcrum, .create):
                let id = entry.operation.fulcrumId ?? newRecordId()
                let body = try FulcrumWriteEncoder(mapping: mapping).createBody(
                    id: id, fields: entry.operation.fields, tags: entry.operation.tags, contactId: state.contactId ?? "")
                let created = try await sendCreate(entry) { try await fulcrum.create(body: body) }
                state.fulcrumId = created.id
                try await complete(entry, &state, response: created, side: .fulcrum, isLast: isLast)
            case (.ghl, .create):
                guard let fulcrumId = state.fulcrumId else { throw WriteFailure(entry: entry, message: "a GHL create needs the Fulcrum record id") }
                let body = try GHLWriteEncoder(mapping: mapping).createBody(
                    fields: entry.operation.fields, tags: entry.operation.tags, fulcrumId: fulcrumId)
                switch try await sendCreate(entry, { try await ghl.create(body: body) }) {
                case .created(let contact):
                    state.contactId = contact.id
                    try await complete(entry, &state, response: contact, side: .ghl, isLast: isLast)
                case .duplicate(let existing, let field):
                    try await linkDuplicate(existing, field: field, entry: entry, state: &state, depth: depth, outcome: &outcome)
                    return
                }
            case (let side, .delete):
                let id = side == .fulcrum ? state.fulcrumId : state.contactId
                guard let id else { continue }
                try await send(entry) {
                    if side == .fulcrum { try await fulcrum.delete(id: id) } else { try await ghl.delete(id: id) }
                }
                try await settle(entry, &state, mirror: [.remove(side, id: id)], audit: [], isLast: isLast, response: "deleted")
            default: break
            }
            outcome.applied.append(entry.operation)
            progress.applied(failed: false)
        }
        try await writeGHL(&state, outcome: &outcome)
        try await writeFulcrum(&state, outcome: &outcome)
    }

    /// Sends one request; any error becomes a `WriteFailure` naming the write.
    @discardableResult
    func send<T: Sendable>(_ entry: JournalEntry, _ call: () async throws -> T) async throws -> T {
        try await Self.send(entry, named: describe(entry.operation), reached: reached, call)
    }

    /// Sends a create; see `sendCreate(_:named:reached:_:)`.
    func sendCreate<T: Sendable>(_ entry: JournalEntry, _ call: () async throws -> T) async throws -> T {
        try await Self.sendCreate(entry, named: describe(entry.operation), reached: reached, call)
    }

    /// Sends one request of the write `entry`, called `name` in messages, and passes the test
    /// hook once it is answered; any error becomes a `WriteFailure` naming the write and keeping
    /// its cause (an authentication failure stops the run). The one sending function of the
    /// contacts' writes and the children's.
    @discardableResult
    static func send<T: Sendable>(
        _ entry: JournalEntry, named name: String, reached: (String) -> Void, _ call: () async throws -> T
    ) async throws -> T {
        do {
            let answer = try await call()
            reached("answered \(entry.operation.side.rawValue) \(entry.operation.kind.rawValue)")
            return answer
        } catch {
            throw WriteFailure(entry: entry, message: "\(name) failed: \(error)", cause: error)
        }
    }

    /// Sends a create. When the answer is lost after the request may have reached the server (a
    /// timeout, a reset, a 5xx other than 503, an unreadable 2xx, a 422), the record may exist: the
    /// failure leaves the journal entry `pending`, so the next run's `Recovery` looks the record
    /// up (by the id or link it carries, a child by what the entry sent) instead of creating it a
    /// second time.
    static func sendCreate<T: Sendable>(
        _ entry: JournalEntry, named name: String, reached: (String) -> Void, _ call: () async throws -> T
    ) async throws -> T {
        do {
            return try await send(entry, named: name, reached: reached, call)
        } catch var failure as WriteFailure {
            if let cause = failure.cause as? APIError, mayHaveBeenApplied(cause) {
                failure.outcomeUnknown = true
                failure.message += "; the next run looks it up before creating it again"
            }
            throw failure
        }
    }

    /// Whether a request that failed with `error` may still have been carried out by the server.
    /// A 422 counts too: GHL is known to create the contact and still answer 422 (ghl.md §4.5).
    static func mayHaveBeenApplied(_ error: APIError) -> Bool {
        switch error.code {
        case .timeout, .transport, .invalidResponse: true
        case .server: error.status != 503
        case .rejected(let status): status == 422
        default: false
        }
    }

    /// Marks `entry` done with the record the server returned, upserting it into the mirror.
    func complete(_ entry: JournalEntry, _ state: inout PairWrite, response: RawRecord, side: Side, isLast: Bool, audit: [AuditEntry] = []) async throws {
        let mirror = try self.mirror(response, side: side)
        try await settle(entry, &state, mirror: [.upsert(side, mirror)], audit: audit, isLast: isLast,
                   response: String(decoding: response.json, as: UTF8.self))
    }

    /// The mirror row of a record as the server returned it.
    func mirror(_ record: RawRecord, side: Side) throws -> MirrorRecord {
        if side == .fulcrum {
            return try Snapshotter.mirror(record, projection: FulcrumProjection(mapping: mapping).project)
        }
        return try Snapshotter.mirror(record, projection: GHLProjection(mapping: mapping).project)
    }

    /// Marks `entry` done; the pair's last entry carries the new base in the same transaction.
    func settle(_ entry: JournalEntry, _ state: inout PairWrite, mirror: [MirrorChange], audit: [AuditEntry], isLast: Bool, response: String) async throws {
        state.settled.insert(entry.id)
        let base: BaseAdvance = isLast ? state.newBase : .keep
        do {
            try await store.completeJournal(
                entry.id, response: response, base: base, mirror: mirror, audit: audit, releasingDeletedPartners: true)
        } catch {
            state.settled.remove(entry.id)
            throw WriteFailure(entry: entry, message: "\(describe(entry.operation)) was sent, but recording it in the state file failed: \(error); the next run re-reads both sides")
        }
        reached("recorded \(entry.operation.side.rawValue) \(entry.operation.kind.rawValue)")
    }

    func describe(_ operation: SyncCore.Operation) -> String {
        let target = operation.side == .fulcrum
            ? "Fulcrum record \(operation.fulcrumId ?? "(new)")" : "GHL contact \(operation.contactId ?? "(new)")"
        return "\(operation.kind.rawValue) of \(target)"
    }
}
