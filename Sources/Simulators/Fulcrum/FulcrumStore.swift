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
    var records: [String: FulcrumRecord] = [:] { didSet { listingOrder = nil } }
    /// `allRecords()` as of the last change to `records` (`nil` once they change).
    var listingOrder: [FulcrumRecord]?
    /// Each record's JSON, with the record it encodes (see `encodedRecords`).
    var recordCache: [String: (record: FulcrumRecord, bytes: Data)] = [:]
    /// Every record id ever created here (live or deleted), so generated ids never repeat.
    var usedRecordIds: Set<String> = []
    var history: [FulcrumHistoryEntry] = []
    var lastSequence: Int64 = 0
    var webhooks: [String: JSONValue] = [:]
    var outbox: [(type: String, data: JSONValue)] = []

    init(options: FulcrumOptions, clock: SimClock, random: SeededRandom) {
        self.options = options
        self.clock = clock
        self.random = random
        for (index, id) in options.formIds.enumerated() {
            forms[id] = Self.initialForm(options: options, id: id, number: index + 1, clock: clock)
        }
    }

    func installDefaultForm() {
        for (index, id) in options.formIds.enumerated() {
            forms[id] = Self.initialForm(options: options, id: id, number: index + 1, clock: clock)
        }
    }

    /// The configured form (`options.form`) under `id`, or the default one; forms after the
    /// first are named "Contacts 2", "Contacts 3"...
    static func initialForm(options: FulcrumOptions, id: String, number: Int, clock: SimClock) -> JSONValue {
        guard var given = (options.form?["form"] ?? options.form)?.objectValue else {
            let form = FulcrumDefaultForm.form(id: id, createdAt: TimeFormat.isoSeconds(clock.nowMillis()))
            guard number > 1, var object = form.objectValue else { return form }
            object["name"] = .string("Contacts \(number)")
            return .object(object)
        }
        given["id"] = .string(id)
        if number > 1, let name = given["name"]?.stringValue { given["name"] = .string("\(name) \(number)") }
        return .object(given)
    }

    // MARK: - Read access for tests and tools

    /// Every live record, ascending `updated_at` then id.
    public func allRecords() -> [FulcrumRecord] {
        if let listingOrder { return listingOrder }
        // Keys read once per record, not once per comparison; sorted once per change, not per page.
        let sorted = records.values.map { (time: $0.updatedAt, id: $0.id, record: $0) }
            .sorted { ($0.time, $0.id) < ($1.time, $1.id) }.map(\.record)
        listingOrder = sorted
        return sorted
    }

    /// The JSON of each record, encoded once per version of the record: a cached encoding is
    /// used only while the record equals the one it encodes, so a write is seen by the next page.
    func encodedRecords(_ list: [FulcrumRecord]) -> [Data] {
        list.map { record in
            if let cached = recordCache[record.id], cached.record == record { return cached.bytes }
            let bytes = JSONValue.object(record.json).serialized()
            recordCache[record.id] = (record, bytes)
            return bytes
        }
    }

    /// One record by id.
    public func record(id: String) -> FulcrumRecord? { records[id] }

    /// The whole change feed, oldest first.
    public func historyEntries() -> [FulcrumHistoryEntry] { history }

    /// Drops all records, history and webhooks; restores the default form.
    public func reset() {
        forms = [:]
        records = [:]
        recordCache = [:]
        usedRecordIds = []
        history = []
        lastSequence = 0
        webhooks = [:]
        outbox = []
        installDefaultForm()
    }

    /// Runs one write and returns it with exactly the events it raised, so a request's
    /// `X-SkipWebhooks` can never swallow another request's events.
    func transaction<T: Sendable>(_ body: @Sendable (isolated FulcrumStore) throws -> T) throws -> (
        T, [FulcrumEvent]
    ) {
        outbox = []
        let value = try body(self)
        defer { outbox = [] }
        return (value, outbox.map { FulcrumEvent(type: $0.type, data: $0.data) })
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
    ///
    /// Server fields the seed carries (`version`, `created_at`, `updated_at`, `created_by`...)
    /// are kept, so data copied from a real account keeps its history clock.
    public func seed(records seedRecords: [JSONValue]) {
        for item in seedRecords {
            guard var object = item.objectValue else { continue }
            if object["form_id"] == nil { object["form_id"] = .string(options.formId) }
            if object["form_values"] == nil { object["form_values"] = [:] }
            guard var record = try? createRecord(object, emit: false) else { continue }
            history.removeLast()
            for key in [
                "version", "created_at", "updated_at", "created_by", "created_by_id", "updated_by",
                "updated_by_id",
            ] {
                if let value = object[key], !value.isNull { record.json[key] = value }
            }
            if let created = object["created_at"]?.stringValue.flatMap(TimeFormat.parseISO) {
                record.createdAt = created / 1000 * 1000
            }
            if let updated = object["updated_at"]?.stringValue.flatMap(TimeFormat.parseISO) {
                record.updatedAt = updated / 1000 * 1000
            }
            records[record.id] = record
            appendHistory(record, "c")
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
        usedRecordIds = Set(snapshot.history.map(\.recordId)).union(records.keys)
        lastSequence = snapshot.history.last?.sequence ?? 0
        webhooks = snapshot.webhooks
    }
}
