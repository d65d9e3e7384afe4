/// A task under a GHL contact.
public struct GHLTask: Sendable, Codable, Equatable {
    /// Task id.
    public var id: String
    /// Owning contact.
    public var contactId: String
    /// Title (required on create).
    public var title: String
    /// Body text.
    public var body: String?
    /// Assigned user.
    public var assignedTo: String?
    /// Due date, epoch ms.
    public var dueDate: Int64
    /// Completion flag.
    public var completed: Bool
    /// Creation time, epoch ms.
    public var dateAdded: Int64

    func render() -> JSONValue {
        var out: [String: JSONValue] = [
            "id": .string(id), "contactId": .string(contactId), "title": .string(title),
            "dueDate": .string(TimeFormat.isoMillis(dueDate)), "completed": .bool(completed),
        ]
        if let body { out["body"] = .string(body) }
        if let assignedTo { out["assignedTo"] = .string(assignedTo) }
        return .object(out)
    }
}
