/// The one error type of the API clients: a code to switch on, where it happened, and what the
/// server said.
///
/// It names the method and route template (`PUT /contacts/{id}`), never the URL or a header, and
/// its message has every known secret scrubbed (`SecretRedactor`), so it is safe to log, report
/// and show.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure; a program switches on this.
    public enum Code: Sendable, Hashable {
        /// 401 that a token refresh did not cure (expired, revoked, or missing scope).
        case unauthorized
        /// 429 after all retries, or a daily allowance used up.
        case rateLimited
        /// 5xx after all retries (or at once for a create, which is not blindly retried).
        case server
        /// No complete response in time.
        case timeout
        /// The connection failed or was reset.
        case transport
        /// The item does not exist (Fulcrum 404, GHL 400 "Contact with id X not found").
        case notFound
        /// A 2xx whose body is not what the API documents.
        case invalidResponse
        /// The server refused the request (4xx); `fieldErrors` holds Fulcrum's 422 details.
        case rejected(status: Int)
        /// GHL refused a create because a contact with the same email or phone exists.
        case duplicate(contactId: String, matchingField: String?)
        /// A paging cursor came back unchanged; following it would loop forever.
        case repeatedCursor
        /// Local token storage failed (reading or writing the 0600 token file).
        case tokenStorage
        /// GHL will not mint a token for the location: the Marketplace app is not installed there
        /// (uninstalled), so every request would fail until it is reinstalled.
        case appUninstalled
    }

    /// What kind of failure.
    public var code: Code
    /// The method and route template, e.g. `GET /api/v2/records/{id}`.
    public var route: String
    /// The HTTP status, when a response was received.
    public var status: Int?
    /// What happened and what to do, with secrets scrubbed.
    public var message: String
    /// Per-field validation errors (Fulcrum's `{"record":{"errors":{...}}}`).
    public var fieldErrors: [String: [String]]
    /// How many times the request was sent.
    public var attempts: Int

    /// Creates an error.
    public init(
        _ code: Code,
        route: String,
        status: Int? = nil,
        message: String,
        fieldErrors: [String: [String]] = [:],
        attempts: Int = 1
    ) {
        self.code = code
        self.route = route
        self.status = status
        self.message = message
        self.fieldErrors = fieldErrors
        self.attempts = attempts
    }

    /// One line: route, status, code and message, e.g.
    /// `POST /contacts/ -> 400 duplicate(contactId: abc, matchingField: email): This location ...`.
    public var description: String {
        var text = route.isEmpty ? "" : "\(route) -> "
        if let status { text += "\(status) " }
        text += "\(code)"
        if !message.isEmpty { text += ": \(message)" }
        if !fieldErrors.isEmpty {
            let fields = fieldErrors.keys.sorted().map { "\($0) \(fieldErrors[$0]!.joined(separator: ", "))" }
            text += " [" + fields.joined(separator: "; ") + "]"
        }
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    /// Whether the code is `notFound`.
    public var isNotFound: Bool { code == .notFound }
    /// Whether the credentials were refused (after the client's one refresh) or could not be
    /// stored: every further request would fail the same way, so a run stops on it.
    public var isAuthFailure: Bool { code == .unauthorized || code == .tokenStorage || code == .appUninstalled }
}
