/// The GHL operations the simulator serves, with their route templates.
enum GHLRoute: Sendable {
    case getContact, listContacts, searchContacts, searchDuplicate, createContact, updateContact,
        upsertContact
    case deleteContact, contactsByBusiness, addTags, removeTags
    case listTasks, createTask, getTask, updateTask, completeTask, deleteTask
    case listNotes, createNote, getNote, updateNote, deleteNote
    case appointments, customFields, oauthToken
    case createCustomField, getLocation
    case locationToken, installedLocations

    static let table: RouteTable<GHLRoute> = {
        var table = RouteTable<GHLRoute>()
        table.add("GET", "/contacts/:contactId", .getContact)
        table.add("GET", "/contacts/", .listContacts)
        table.add("POST", "/contacts/search", .searchContacts)
        table.add("GET", "/contacts/search/duplicate", .searchDuplicate)
        table.add("POST", "/contacts/", .createContact)
        table.add("PUT", "/contacts/:contactId", .updateContact)
        table.add("POST", "/contacts/upsert", .upsertContact)
        table.add("DELETE", "/contacts/:contactId", .deleteContact)
        table.add("GET", "/contacts/business/:businessId", .contactsByBusiness)
        table.add("POST", "/contacts/:contactId/tags", .addTags)
        table.add("DELETE", "/contacts/:contactId/tags", .removeTags)
        table.add("GET", "/contacts/:contactId/tasks", .listTasks)
        table.add("POST", "/contacts/:contactId/tasks", .createTask)
        table.add("GET", "/contacts/:contactId/tasks/:taskId", .getTask)
        table.add("PUT", "/contacts/:contactId/tasks/:taskId", .updateTask)
        table.add("PUT", "/contacts/:contactId/tasks/:taskId/completed", .completeTask)
        table.add("DELETE", "/contacts/:contactId/tasks/:taskId", .deleteTask)
        table.add("GET", "/contacts/:contactId/notes", .listNotes)
        table.add("POST", "/contacts/:contactId/notes", .createNote)
        table.add("GET", "/contacts/:contactId/notes/:id", .getNote)
        table.add("PUT", "/contacts/:contactId/notes/:id", .updateNote)
        table.add("DELETE", "/contacts/:contactId/notes/:id", .deleteNote)
        table.add("GET", "/contacts/:contactId/appointments", .appointments)
        table.add("GET", "/locations/:locationId/customFields", .customFields)
        table.add("POST", "/locations/:locationId/customFields", .createCustomField)
        table.add("GET", "/locations/:locationId", .getLocation)
        table.add("POST", "/oauth/token", .oauthToken)
        table.add("POST", "/oauth/locationToken", .locationToken)
        table.add("GET", "/oauth/installedLocations", .installedLocations)
        return table
    }()

    /// Scope the route needs.
    var scope: String {
        switch self {
        case .getContact, .listContacts, .searchContacts, .searchDuplicate, .contactsByBusiness, .listTasks,
            .getTask,
            .listNotes, .getNote, .appointments:
            return GHLScopes.read
        case .customFields: return GHLScopes.customFieldsRead
        case .createCustomField: return GHLScopes.customFieldsWrite
        case .getLocation: return GHLScopes.locationsRead
        case .locationToken: return GHLScopes.oauthWrite
        case .installedLocations: return GHLScopes.oauthRead
        default: return GHLScopes.write
        }
    }

    /// Whether only a Company (agency) token may call it (Agency-Access-Only).
    var isAgencyOnly: Bool { self == .locationToken || self == .installedLocations }

    /// Whether the route reads a JSON body.
    var hasBody: Bool {
        switch self {
        case .searchContacts, .createContact, .updateContact, .upsertContact, .addTags, .removeTags,
            .createTask,
            .updateTask, .completeTask, .createNote, .updateNote, .createCustomField:
            return true
        default: return false
        }
    }
}
