/// The Fulcrum operations the simulator serves. Templates are without `.json`; the suffix is
/// stripped from the last path segment before matching.
enum FulcrumRoute: Sendable {
    case listRecords, getRecord, createRecord, replaceRecord, patchRecord, deleteRecord
    case recordHistory, recordsHistory, listForms, getForm
    case listWebhooks, getWebhook, createWebhook, updateWebhook, deleteWebhook, users

    static let table: RouteTable<FulcrumRoute> = {
        var table = RouteTable<FulcrumRoute>()
        table.add("GET", "/api/v2/records", .listRecords)
        table.add("POST", "/api/v2/records", .createRecord)
        table.add("GET", "/api/v2/records/:id", .getRecord)
        table.add("PUT", "/api/v2/records/:id", .replaceRecord)
        table.add("PATCH", "/api/v2/records/:id", .patchRecord)
        table.add("DELETE", "/api/v2/records/:id", .deleteRecord)
        table.add("GET", "/api/v2/records/:id/history", .recordHistory)
        table.add("GET", "/api/v2/records/history", .recordsHistory)
        table.add("GET", "/api/v2/forms", .listForms)
        table.add("GET", "/api/v2/forms/:id", .getForm)
        table.add("GET", "/api/v2/webhooks", .listWebhooks)
        table.add("POST", "/api/v2/webhooks", .createWebhook)
        table.add("GET", "/api/v2/webhooks/:id", .getWebhook)
        table.add("PUT", "/api/v2/webhooks/:id", .updateWebhook)
        table.add("DELETE", "/api/v2/webhooks/:id", .deleteWebhook)
        table.add("GET", "/api/v2/users", .users)
        return table
    }()

    /// Whether the route reads a JSON body.
    var hasBody: Bool {
        switch self {
        case .createRecord, .replaceRecord, .patchRecord, .createWebhook, .updateWebhook: return true
        default: return false
        }
    }

    /// Resource key of the body wrapper.
    var resource: String {
        switch self {
        case .createWebhook, .updateWebhook: return "webhook"
        default: return "record"
        }
    }
}
