/// OAuth scope names the simulator knows.
enum GHLScopes {
    static let read = "contacts.readonly"
    static let write = "contacts.write"
    static let customFieldsRead = "locations/customFields.readonly"
    static let customFieldsWrite = "locations/customFields.write"
    static let all: Set<String> = [read, write, customFieldsRead, customFieldsWrite, "locations.readonly"]
}
