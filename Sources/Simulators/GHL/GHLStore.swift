import Foundation

/// The GHL simulator's state: contacts, their tasks, notes and appointments, the search index,
/// and OAuth grants.
///
/// An actor so every write is validated and applied in one step: a request either changes the
/// state completely or not at all. Events for webhooks collect in an outbox the simulator drains.
public actor GHLStore {
    let options: GHLOptions
    let clock: SimClock
    let random: SeededRandom

    var contacts: [String: GHLContact] = [:]
    /// `email:<lower-cased>` / `phone:<E.164>` to contact ids, for duplicate checks and upsert.
    var identityIndex: [String: Set<String>] = [:]
    var tasks: [String: GHLTask] = [:]
    var notes: [String: GHLNote] = [:]
    var appointments: [JSONValue] = []
    /// What search sees (lags behind `contacts` by `searchLagMillis`).
    var index: [String: GHLContact] = [:] { didSet { indexVersion &+= 1 } }
    /// Bumped on every change to `index`: a cached search order is good while this is unchanged.
    var indexVersion = 0
    /// Search orders by sort spec, each as of `indexVersion` (see `searchOrder`).
    var searchOrders: [String: (version: Int, rows: [GHLSimulator.Keyed])] = [:]
    /// Each contact's search-row JSON, with the contact it encodes (see `encodedRows`).
    var rowCache: [String: (contact: GHLContact, bytes: Data)] = [:]
    var pendingIndex: [(due: Int64, id: String, contact: GHLContact?)] = []
    var accessTokens: [String: GHLGrant] = [:]
    var refreshTokens: [String: GHLGrant] = [:]
    var authCodes: [String: GHLGrant] = [:]
    var outbox: [(type: String, payload: [String: JSONValue])] = []
    /// Custom fields made by `POST /locations/:id/customFields`, after the configured ones.
    var createdCustomFields: [JSONValue] = []

    init(options: GHLOptions, clock: SimClock, random: SeededRandom) {
        self.options = options
        self.clock = clock
        self.random = random
    }

    // MARK: - Read access for tests and tools

    /// Every contact, oldest first.
    public func allContacts() -> [GHLContact] {
        contacts.values.sorted { ($0.dateAdded, $0.id) < ($1.dateAdded, $1.id) }
    }

    /// One contact by id.
    public func contact(id: String) -> GHLContact? { contacts[id] }

    /// Every task.
    public func allTasks() -> [GHLTask] { tasks.values.sorted { $0.id < $1.id } }

    /// Every note.
    public func allNotes() -> [GHLNote] { notes.values.sorted { $0.id < $1.id } }

    /// Adds an appointment (GET /contacts/:id/appointments shape), or replaces the one with its
    /// id (moved, cancelled); appointments are read-only in the API.
    public func addAppointment(_ event: JSONValue) {
        if let id = event["id"]?.stringValue, let index = appointments.firstIndex(where: { $0["id"]?.stringValue == id }) {
            appointments[index] = event
        } else {
            appointments.append(event)
        }
    }

    /// Removes the appointment with `id` (deleted in GHL); whether there was one.
    @discardableResult
    public func removeAppointment(id: String) -> Bool {
        let before = appointments.count
        appointments.removeAll { $0["id"]?.stringValue == id }
        return appointments.count < before
    }

    /// Drops all data and grants (keeps options).
    public func reset() {
        contacts = [:]
        identityIndex = [:]
        tasks = [:]
        notes = [:]
        appointments = []
        index = [:]
        searchOrders = [:]
        rowCache = [:]
        pendingIndex = []
        accessTokens = [:]
        refreshTokens = [:]
        authCodes = [:]
        outbox = []
        createdCustomFields = []
    }

    /// A fresh 20-character id not used by any contact, task or note (a restored `--data-dir`
    /// state may hold ids the seeded generator makes again).
    func newId() -> String {
        var id = random.string(length: 20)
        while contacts[id] != nil || tasks[id] != nil || notes[id] != nil { id = random.string(length: 20) }
        return id
    }

    func takeEvents() -> [(type: String, payload: [String: JSONValue])] {
        defer { outbox = [] }
        return outbox
    }

    // MARK: - Custom fields

    /// Definitions as GET /locations/:id/customFields returns them.
    func customFieldDefinitions() -> [JSONValue] {
        (options.linkFieldBuiltIn ? linkFieldDefinition : []) + (options.customFields + createdCustomFields).map(completed)
    }

    /// The built-in link field, when the options keep it.
    private var linkFieldDefinition: [JSONValue] {
        [
            [
                "id": .string(options.externalIdFieldId), "name": "Fulcrum Record Id",
                "fieldKey": "contact.fulcrum_record_id", "placeholder": "", "dataType": "TEXT", "position": 0,
                "picklistOptions": [], "locationId": .string(options.locationId), "model": "contact",
            ]
        ]
    }

    func resolveCustomField(_ ref: String) -> String? {
        for definition in customFieldDefinitions() {
            guard let id = definition["id"]?.stringValue, let key = definition["fieldKey"]?.stringValue else {
                continue
            }
            if ref == id || ref == key || "contact." + ref == key { return id }
        }
        return nil
    }

    // MARK: - Search index (eventually consistent)

    func indexWrite(_ id: String, _ contact: GHLContact?) {
        if options.searchLagMillis <= 0 {
            index[id] = contact
        } else {
            pendingIndex.append((clock.nowMillis() + options.searchLagMillis, id, contact))
        }
    }

    /// What search sees now: the index after applying every write whose lag has passed.
    func searchableContacts() -> [GHLContact] {
        applyDueIndexWrites()
        return Array(index.values)
    }

    /// Applies every write to the index whose lag has passed.
    func applyDueIndexWrites() {
        let now = clock.nowMillis()
        while let first = pendingIndex.first, first.due <= now {
            index[first.id] = first.contact
            pendingIndex.removeFirst()
        }
    }

    // MARK: - Seeding and persistence

    /// Adds contacts given in the API's GET shape (`{id?, firstName, ..., customFields:[{id,value}]}`).
    public func seed(contacts seedContacts: [JSONValue]) {
        for item in seedContacts {
            guard let object = item.objectValue else { continue }
            let now = clock.nowMillis()
            let id = object["id"]?.stringValue ?? newId()
            var contact = GHLContact(
                id: id, locationId: options.locationId, fields: [:], tags: [], customFields: [:],
                dateAdded: object["dateAdded"]?.stringValue.flatMap(TimeFormat.parseISO) ?? now,
                dateUpdated: object["dateUpdated"]?.stringValue.flatMap(TimeFormat.parseISO) ?? now)
            for (key, value) in object
            where GHLContactInput.stringFields.contains(key) || key == "dnd"
                || GHLContactInput.objectFields.contains(key) || key == "type"
            {
                contact.fields[key] =
                    key == "phone" ? .string(PhoneNormalizer.e164(value.stringValue ?? "")) : value
            }
            contact.tags = (object["tags"]?.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() }
            contact.followers = (object["followers"]?.arrayValue ?? []).compactMap(\.stringValue)
            if let businessId = object["businessId"]?.stringValue {
                contact.fields["businessId"] = .string(businessId)
            }
            for field in object["customFields"]?.arrayValue ?? [] {
                if let fieldId = field["id"]?.stringValue, let value = field["value"] ?? field["field_value"]
                {
                    contact.customFields[fieldId] = value
                }
            }
            put(contact)
            indexWrite(id, contact)
        }
    }

    /// Everything needed to restore the store (for `--data-dir`).
    struct Snapshot: Codable {
        var contacts: [GHLContact]
        var tasks: [GHLTask]
        var notes: [GHLNote]
        var appointments: [JSONValue]
        /// Custom fields created through the API (absent in files saved before they existed).
        var customFields: [JSONValue]?
    }

    func snapshot() -> Snapshot {
        Snapshot(
            contacts: allContacts(), tasks: allTasks(), notes: allNotes(), appointments: appointments,
            customFields: createdCustomFields)
    }

    func restore(_ snapshot: Snapshot) {
        contacts = [:]
        identityIndex = [:]
        for contact in snapshot.contacts { put(contact) }
        index = contacts
        tasks = Dictionary(snapshot.tasks.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        notes = Dictionary(snapshot.notes.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        appointments = snapshot.appointments
        createdCustomFields = snapshot.customFields ?? []
    }
}
