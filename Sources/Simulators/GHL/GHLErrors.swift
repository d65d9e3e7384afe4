/// Error bodies in the real API's NestJS shape: `{statusCode, message, error}` (+`traceId`).
enum GHLErrors {
    static func body(_ status: Int, _ message: JSONValue, error: String?) -> JSONValue {
        var out: [String: JSONValue] = ["statusCode": .int(status), "message": message]
        if let error { out["error"] = .string(error) }
        return .object(out)
    }

    static func badRequest(_ message: String) -> SimError {
        SimError(400, body(400, .string(message), error: "Bad Request"))
    }

    static func unauthorized(_ message: String) -> SimError {
        SimError(401, body(401, .string(message), error: "Unauthorized"))
    }

    static func forbidden(_ message: String) -> SimError {
        SimError(403, body(403, .string(message), error: "Forbidden"))
    }

    static func unprocessable(_ messages: [String]) -> SimError {
        SimError(422, body(422, .array(messages.map(JSONValue.string)), error: "Unprocessable Entity"))
    }

    static func contactNotFound(_ id: String) -> SimError {
        SimError(400, body(400, .string("Contact with id \(id) not found"), error: "Bad Request"))
    }

    static func notFound(_ message: String) -> SimError {
        SimError(404, body(404, .string(message), error: "Not Found"))
    }

    static let scope = "The token is not authorized for this scope."
}
