/// A note under a GHL contact.
public struct GHLNote: Sendable, Codable, Equatable {
    /// Note id.
    public var id: String
    /// Owning contact.
    public var contactId: String
    /// Body text (required on create).
    public var body: String
    /// Author user id.
    public var userId: String?
    /// Title.
    public var title: String?
    /// Colour, e.g. `#FFAA00`.
    public var color: String?
    /// Pinned flag.
    public var pinned: Bool
    /// Creation time, epoch ms.
    public var dateAdded: Int64

    func render() -> JSONValue {
        var out: [String: JSONValue] = [
            "id": .string(id), "contactId": .string(contactId), "body": .string(body),
            "dateAdded": .string(TimeFormat.isoMillis(dateAdded)), "pinned": .bool(pinned),
        ]
        if let userId { out["userId"] = .string(userId) }
        if let title { out["title"] = .string(title) }
        if let color { out["color"] = .string(color) }
        return .object(out)
    }
}
