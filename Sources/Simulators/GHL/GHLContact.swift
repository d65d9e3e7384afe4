/// A contact as the GHL simulator stores it.
///
/// Writable scalar fields live in `fields` (already normalised: phone in E.164, tags
/// lower-cased); the derived `*LowerCase` fields are computed when rendering.
public struct GHLContact: Sendable, Codable, Equatable {
    /// 20-character id.
    public var id: String
    /// Owning location.
    public var locationId: String
    /// Writable scalar and object fields by API name (firstName, email, phone, dnd, ...).
    public var fields: [String: JSONValue]
    /// Tags, lower-cased, in insertion order.
    public var tags: [String]
    /// Custom field values by field id.
    public var customFields: [String: JSONValue]
    /// Creation time, epoch ms.
    public var dateAdded: Int64
    /// Last change, epoch ms (bumped on every change).
    public var dateUpdated: Int64
    /// Follower user ids.
    public var followers: [String] = []

    /// A string field, if set.
    public func string(_ name: String) -> String? { fields[name]?.stringValue }

    var fullNameLowerCase: String? {
        let parts = [string("firstName"), string("lastName")].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ").lowercased()
    }

    var customFieldArray: JSONValue {
        .array(customFields.keys.sorted().map { ["id": .string($0), "value": customFields[$0]!] })
    }

    /// Fields every rendering shares.
    private func base() -> [String: JSONValue] {
        var out: [String: JSONValue] = [
            "id": .string(id), "locationId": .string(locationId),
            "tags": .array(tags.map(JSONValue.string)), "customFields": customFieldArray,
            "dateAdded": .string(TimeFormat.isoMillis(dateAdded)),
            "dateUpdated": .string(TimeFormat.isoMillis(dateUpdated)),
            "type": fields["type"] ?? "lead",
            "dnd": fields["dnd"] ?? false,
        ]
        for (key, value) in fields where out[key] == nil { out[key] = value }
        if let first = string("firstName") { out["firstNameLowerCase"] = .string(first.lowercased()) }
        if let last = string("lastName") { out["lastNameLowerCase"] = .string(last.lowercased()) }
        if let full = fullNameLowerCase { out["fullNameLowerCase"] = .string(full) }
        if let email = string("email") { out["emailLowerCase"] = .string(email.lowercased()) }
        return out
    }

    /// `GET /contacts/:id` shape (also used in update and upsert responses).
    func renderFull() -> JSONValue {
        var out = base()
        out["followers"] = .array(followers.map(JSONValue.string))
        out["additionalEmails"] = []
        out["attributions"] = nil
        return .object(out)
    }

    /// `POST /contacts/` response shape (create extras).
    func renderCreated() -> JSONValue {
        var out = renderFull().objectValue ?? [:]
        out["deleted"] = false
        return .object(out)
    }

    /// List and search row shape: `contactName`, no `dndSettings` (GHL issue #43).
    func renderRow() -> JSONValue {
        var out = base()
        out["dndSettings"] = nil
        out["inboundDndSettings"] = nil
        if let full = fullNameLowerCase { out["contactName"] = .string(full) }
        if let company = string("companyName") { out["businessName"] = .string(company) }
        out["followers"] = .array(followers.map(JSONValue.string))
        out["attributions"] = []
        return .object(out)
    }

    /// Webhook payload fields for contact events (no `dateUpdated`, as documented).
    func renderWebhook() -> [String: JSONValue] {
        var out = base()
        out["dateUpdated"] = nil
        out["firstNameLowerCase"] = nil
        out["lastNameLowerCase"] = nil
        out["fullNameLowerCase"] = nil
        out["emailLowerCase"] = nil
        out["type"] = nil
        let name = [string("firstName"), string("lastName")].compactMap { $0 }.joined(separator: " ")
        if !name.isEmpty { out["name"] = .string(name) }
        out["attachments"] = []
        return out
    }
}
