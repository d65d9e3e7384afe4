import Foundation
import SyncCore
import SyncStore

/// What a stored webhook event asks for: re-read one record of one side, or nothing.
///
/// An event is a hint, never the truth: a pass re-reads the record it names from its API, so a
/// payload is read only for its type, the record id and whether it belongs to the synced form
/// or location. GHL contact events carry the contact's id as `id`; Fulcrum record events the
/// record as `data` (fulcrum.md §5.3).
public struct WebhookEvent: Sendable, Hashable {
    /// The inbox event id.
    public var eventId: String
    /// The side the record lives on.
    public var side: Side
    /// The record or contact id to re-read.
    public var recordId: String
    /// The event type (`ContactDelete`, `record.update`, ...).
    public var type: String

    /// Why an event asks for nothing.
    public struct Ignored: Error, Sendable, Hashable {
        /// A short reason for logs and counts.
        public var reason: String
    }

    /// Whether the event is about a note, task or appointment (its contact's children are
    /// listed again even when the contact itself did not move).
    public var namesChildren: Bool { Self.ghlChildTypes.contains(type) }

    /// GHL child events; each names its contact (`contactId`, or `appointment.contactId`).
    static let ghlChildTypes: Set<String> = [
        "NoteCreate", "NoteUpdate", "NoteDelete", "TaskCreate", "TaskComplete", "TaskDelete", "AppointmentCreate",
        "AppointmentUpdate", "AppointmentDelete",
    ]

    /// GHL contact events that name a contact to re-read.
    static let ghlContactTypes: Set<String> = ["ContactCreate", "ContactUpdate", "ContactDelete", "ContactTagUpdate", "ContactDndUpdate"]
    /// Fulcrum record events.
    static let fulcrumRecordTypes: Set<String> = ["record.create", "record.update", "record.delete"]

    /// Reads a stored event for the form and location `config` syncs.
    public static func read(_ event: InboxEvent, config: MappingConfig) -> Result<WebhookEvent, Ignored> {
        guard let data = event.payload.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return .failure(Ignored(reason: "not a JSON object")) }
        let type = object["type"] as? String ?? "(no type)"
        switch event.source {
        case "ghl":
            guard object["locationId"] as? String == config.ghl.id else {
                return .failure(Ignored(reason: "GHL \(type) for another location"))
            }
            if ghlChildTypes.contains(type) {
                guard config.children.mapsEvent(type) else { return .failure(Ignored(reason: "GHL \(type): that kind is not mapped under children")) }
                let appointment = object["appointment"] as? [String: Any]
                guard let contactId = (object["contactId"] ?? appointment?["contactId"]) as? String, !contactId.isEmpty else {
                    // GHL issue #332: TaskCreate arrives without contactId; the next full
                    // reconcile's listing (or the contact's next change) brings the task.
                    return .failure(Ignored(reason: "GHL \(type) without a contactId"))
                }
                return .success(WebhookEvent(eventId: event.id, side: .ghl, recordId: contactId, type: type))
            }
            guard ghlContactTypes.contains(type) else { return .failure(Ignored(reason: "GHL \(type) events are not synced")) }
            guard let id = object["id"] as? String, !id.isEmpty else { return .failure(Ignored(reason: "GHL \(type) without a contact id")) }
            return .success(WebhookEvent(eventId: event.id, side: .ghl, recordId: id, type: type))
        case "fulcrum":
            guard fulcrumRecordTypes.contains(type) else { return .failure(Ignored(reason: "Fulcrum \(type) events are not synced")) }
            let record = object["data"] as? [String: Any] ?? [:]
            guard record["form_id"] as? String == config.fulcrum.id else {
                return .failure(Ignored(reason: "Fulcrum \(type) for another form"))
            }
            guard let id = record["id"] as? String, !id.isEmpty else { return .failure(Ignored(reason: "Fulcrum \(type) without a record id")) }
            return .success(WebhookEvent(eventId: event.id, side: .fulcrum, recordId: id, type: type))
        default:
            return .failure(Ignored(reason: "unknown source \(event.source)"))
        }
    }
}

extension ChildrenConfig {
    /// Whether a GHL child event (`NoteCreate`, `TaskComplete`, `AppointmentUpdate`...) is about
    /// a kind this config maps.
    func mapsEvent(_ type: String) -> Bool {
        let kind: ChildKind? = type.hasPrefix("Note") ? .note : type.hasPrefix("Task") ? .task : type.hasPrefix("Appointment") ? .appointment : nil
        return kind.flatMap(mapping) != nil
    }
}
