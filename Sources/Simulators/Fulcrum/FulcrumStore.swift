import Foundation

/// The Fulcrum simulator's state: forms, records, the history feed and webhooks.
///
/// An actor so each write is validated and applied in one step. Record events for webhooks
/// collect in an outbox the simulator drains (unless the write sent `X-SkipWebhooks: true`).
public actor FulcrumStore {
    let options: FulcrumOptions
    let clock: SimClock
    let random: SeededRandom

    var forms: [String: JSONValue] = [:]
    var records: [String: FulcrumRecord] = [:]
    var history: [FulcrumHistoryEntry] = []
    var lastSequence: Int64 = 0
    var webhooks: [String: JSONValue] = [:]
    var outbox: [(type: String, data: JSONValue)] = []

    init(options: FulcrumOptions, clock: SimClock, random: SeededRandom) {
        self.options = options
        self.clock = clock
        self.random = random
        self.forms = [options.formId: FulcrumDefaultForm.form(id: options.formId, createdAt: TimeFormat.isoSeconds(clock.nowMillis()))]
    }

    func installDefaultForm() {
        forms[options.formId] = FulcrumDefaultForm.form(id: options.formId, createdAt: TimeFormat.isoSeconds(clock.nowMillis()))
    }

    // MARK: - Read access for tests and tools

    /// Every live record, ascending `updated_at` then id.
    public func allRecords() -> [FulcrumRecord] {
        records.values.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
    }

    /// One record by id.
    public func record(id: String) -> FulcrumRecord? { records[id] }

    /// The whole change feed, oldest first.
    public func historyEntries() -> [FulcrumHistoryEntry] { history }

    /// Drops all records, history and webhooks; restores the default form.
    public func reset() {
        forms = [:]
        records = [:]
        history = []
        lastSequence = 0
        webhooks = [:]
        outbox = []
        installDefaultForm()
    }

    func takeEvents() -> [(type: String, data: JSONValue)] {
        defer { outbox = [] }
        return outbox
    }

    /// A form with its live `record_count`.
    func form(_ id: String) -> JSONValue? {
        guard var form = forms[id]?.objectValue else { return nil }
        form["record_count"] = .int(records.values.filter { $0.formId == id }.count)
        return .object(form)
    }

    func allForms() -> [JSONValue] { forms.keys.sorted().compactMap { form($0) } }

    // MARK: - Seeding and persistence

    /// Adds records given in the API's shape (`{"form_values": {...}, ...}`), as creates.
    public func seed(records seedRecords: [JSONValue]) {
        for item in seedRecords {
            guard var object = item.objectValue else { continue }
            if object["form_id"] == nil { object["form_id"] = .string(options.formId) }
            if object["form_values"] == nil { object["form_values"] = [:] }
            _ = try? createRecord(object, emit: false)
        }
    }

    struct Snapshot: Codable {
        var records: [FulcrumRecord]
        var history: [FulcrumHistoryEntry]
        var webhooks: [String: JSONValue]
    }

    func snapshot() -> Snapshot { Snapshot(records: allRecords(), history: history, webhooks: webhooks) }

    func restore(_ snapshot: Snapshot) {
        records = Dictionary(snapshot.records.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        history = snapshot.history
        lastSequence = snapshot.history.last?.sequence ?? 0
        webhooks = snapshot.webhooks
    }
}

/// One entry of `records/history`: a full snapshot plus the change type and sequence.
public struct FulcrumHistoryEntry: Sendable, Codable, Equatable {
    /// Monotonic cursor (`max(previous + 1, updated_at in ms)`).
    public var sequence: Int64
    /// Record id.
    public var recordId: String
    /// Form id.
    public var formId: String
    /// `c`, `u` or `d`.
    public var changeType: String
    /// The snapshot with the `history_*` fields, as served.
    public var json: JSONValue
}
