import Foundation
import SyncCore
import SyncStore
import SyncHTTP

/// Finds out when each side changed the fields that conflict under `newest`, and plans again
/// with that evidence (issue 10, item 5).
///
/// Plan once; take the conflicts `newest` settled; read Fulcrum's history of those records (one
/// request per record, only then) and the GHL webhook events stored for their contacts; if that
/// told anything, plan again with the evidence (`Planner.with(evidence:)`). The planner stays
/// pure: the evidence is input, like the snapshots. `PlanningPass`, the one planning path of
/// `fgsync plan` and `fgsync reconcile`, plans through `plan(with:_:)`.
struct ChangeEvidenceCollector: Sendable {
    /// The mapping both sides' JSON is projected with.
    let mapping: ResolvedMapping
    /// Reads a record's history (saved bodies have none: `fgsync plan` dates by the inbox and
    /// the records' times).
    let fulcrum: any FulcrumGateway
    /// Holds the webhook inbox (a scratch copy under `fgsync plan` and dry runs).
    let store: any StateStore

    /// GHL events that carry a whole contact (`ContactDelete` carries the last snapshot of a
    /// contact that is gone, so it tells nothing about a live value).
    static let contactEvents: Set<String> = ["ContactCreate", "ContactUpdate", "ContactTagUpdate", "ContactDndUpdate"]

    /// Plans with `makePlan`, and when conflicts were settled by `newest`, plans again with the
    /// change times found for them.
    /// Returns the plan and the planner that made it (with the evidence), so a pair planned
    /// again while it is written is decided the same way.
    func plan(with planner: Planner, _ makePlan: (Planner) async throws -> Plan) async throws -> (Plan, Planner) {
        let first = try await makePlan(planner)
        let contested = first.conflicts.filter { $0.rule.hasPrefix("newest") }
        guard !contested.isEmpty else { return (first, planner) }
        let evidence = try await evidence(for: contested)
        guard !evidence.isEmpty else { return (first, planner) }
        let informed = planner.with(evidence: evidence)
        return (try await makePlan(informed), informed)
    }

    /// The change times of the conflicting fields, on each side where something is known.
    func evidence(for conflicts: [Conflict]) async throws -> ChangeEvidence {
        var evidence = ChangeEvidence()
        let projection = FulcrumProjection(mapping: mapping)
        for (recordId, fields) in Dictionary(grouping: conflicts, by: \.fulcrumId).sorted(by: { $0.key < $1.key }) {
            let versions: [RawRecord]?
            do {
                versions = try await fulcrum.history(id: recordId)
            } catch let error as APIError where !error.isAuthFailure {
                // Evidence is optional: without it the record's own time decides, as before.
                continue
            }
            guard let versions, !versions.isEmpty else { continue }
            let states = try versions.map { try projection.project($0.object) }
            for conflict in fields {
                let carried = states.map { ($0.fields[conflict.field], $0.updatedAt) }
                if let at = Self.firstOfLastRun(carried, value: conflict.fulcrum) {
                    evidence.fulcrum[recordId, default: [:]][conflict.field] = .init(
                        value: conflict.fulcrum, at: at, source: .fieldHistory)
                }
            }
        }
        for (contactId, fields) in Dictionary(grouping: conflicts, by: \.contactId).sorted(by: { $0.key < $1.key }) {
            let events = try await store.inboxEvents(source: "ghl", recordId: contactId).compactMap(webhookContact)
            guard !events.isEmpty else { continue }
            for conflict in fields {
                guard let field = mapping.fields.first(where: { $0.key == conflict.field }) else { continue }
                let carried = events.filter { Self.carries($0.payload, field: field) }
                    .map { ($0.state.fields[conflict.field], Optional($0.at)) }
                if let at = Self.firstOfLastRun(carried, value: conflict.ghl) {
                    evidence.ghl[contactId, default: [:]][conflict.field] = .init(value: conflict.ghl, at: at, source: .webhook)
                }
            }
        }
        return evidence
    }

    /// Given a side's reports of a field, oldest first, when the value it holds now first
    /// appeared: the first report of the last unbroken run of `value`. `nil` when the latest
    /// report holds another value (it changed since, unreported) or has no time.
    static func firstOfLastRun(_ reports: [(FieldValue?, Date?)], value: FieldValue?) -> Date? {
        var first: Date?
        for (reported, at) in reports.reversed() {
            guard reported?.canonical == value?.canonical, let at else { break }
            first = at
        }
        return first
    }

    /// A stored GHL contact event, projected, with the time GHL sent it (`timestamp`, else
    /// when it was stored). `nil` for other events and unreadable payloads.
    func webhookContact(_ event: InboxEvent) -> (state: RecordState, payload: [String: Any], at: Date)? {
        guard let payload = (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) as? [String: Any],
            let type = payload["type"] as? String, Self.contactEvents.contains(type),
            let state = try? GHLProjection(mapping: mapping).project(payload),
            let at = (payload["timestamp"] as? String).flatMap(Timestamp.parse) ?? event.receivedAt
        else { return nil }
        return (state, payload, at)
    }

    /// Whether a webhook payload says anything about `field` (a field it leaves out is not a
    /// report that the field is empty).
    static func carries(_ payload: [String: Any], field: ResolvedField) -> Bool {
        switch field.ghl {
        case .standard(let name): return payload.keys.contains(name)
        case .custom(let id):
            return (payload["customFields"] as? [Any] ?? []).contains { ($0 as? [String: Any])?["id"] as? String == id }
        }
    }
}
