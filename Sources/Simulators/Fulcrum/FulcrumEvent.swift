/// A record event waiting for webhook delivery.
struct FulcrumEvent: Sendable {
    let type: String
    let data: JSONValue
}
