/// A GHL contact field named in the mapping: a standard field or a custom field.
public enum GHLFieldRef: Sendable, Hashable, Codable {
    /// A standard contact field such as `firstName`.
    case standard(String)
    /// A custom field by id (or by key until resolved against the location's definitions).
    case custom(String)

    /// Standard contact fields fgsync can read and write (ghl.md §4.5, §6.1).
    public static let standardFields: Set<String> = [
        "firstName", "lastName", "name", "email", "phone", "companyName", "address1", "city",
        "state", "postalCode", "website", "timezone", "country", "source", "dateOfBirth",
        "assignedTo",
    ]

    /// How the field is named in messages and plan output: `email`, `customFields.<id>`.
    public var displayName: String {
        switch self {
        case .standard(let name): name
        case .custom(let id): "customFields.\(id)"
        }
    }
}
