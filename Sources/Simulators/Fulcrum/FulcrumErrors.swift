/// Fulcrum's error bodies (Rails style, per the OpenAPI and docs).
enum FulcrumErrors {
    static let unauthorized = SimError(401, ["error": "Unauthorized"])
    static let notFound = SimError(404, [:])
    static let badRequest = SimError(400, ["error": "Bad Request", "status": 400])
    static let tooMany = SimError(429, ["error": "Too Many Requests"])
    static let tooLarge = SimError(413, ["error": "Request Entity Too Large", "status": 413])
    static let invalidJSON =
        "Invalid JSON structure. Did you remember to add the \"Content-Type: application/json\" header?"

    /// `{"<resource>": {"errors": {...}}}` (or a plain string) with status 422.
    static func validation(_ resource: String, _ errors: JSONValue) -> SimError {
        SimError(422, [resource: ["errors": errors]])
    }
}
