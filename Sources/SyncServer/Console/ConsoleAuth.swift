import Foundation

/// Who may use the console: the login token, the signed-in sessions, and the brake on
/// guessing.
///
/// Sessions live in this process only (a map from a random id to its CSRF token and end), so
/// a restart signs everyone out and a cookie minted by another process, or made up, matches
/// nothing. Failed logins are counted over a sliding window; once `maxFailures` have failed
/// within it, every login (even a right one) is refused until the oldest failure leaves the
/// window, so the rate of guesses is bounded whoever sends them.
actor ConsoleAuth {
    /// How a login ended.
    enum Login: Sendable, Equatable {
        /// Signed in; the cookie carries `session.id`.
        case signedIn(ConsoleSession)
        /// The token was wrong.
        case refused
        /// Too many recent failures; try again after this many seconds.
        case throttled(retryAfter: Int)
    }

    private let token: String
    private let lifetime: Duration
    private let now: @Sendable () -> Date
    private var sessions: [String: ConsoleSession] = [:]
    private var failures: [Date] = []
    /// Failed logins allowed within `window`.
    let maxFailures: Int
    /// The window failed logins are counted over.
    let window: TimeInterval
    /// Sessions kept at most (the oldest is signed out first).
    static let maxSessions = 64

    init(
        token: String, lifetime: Duration, maxFailures: Int = 5, window: TimeInterval = 60,
        now: @escaping @Sendable () -> Date
    ) {
        self.token = token
        self.lifetime = lifetime
        self.maxFailures = maxFailures
        self.window = window
        self.now = now
    }

    /// Checks `given` against the token (in constant time) unless logins are throttled.
    func login(_ given: String) -> Login {
        let now = now()
        failures.removeAll { now.timeIntervalSince($0) >= window }
        if failures.count >= maxFailures, let oldest = failures.first {
            return .throttled(retryAfter: max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up))))
        }
        guard WebhookReceiver.sameSecret(given.trimmingCharacters(in: .whitespacesAndNewlines), token) else {
            failures.append(now)
            return .refused
        }
        sessions = sessions.filter { $0.value.expires > now }
        if sessions.count >= Self.maxSessions,
            let oldest = sessions.values.min(by: { $0.expires < $1.expires })
        {
            sessions[oldest.id] = nil
        }
        let session = ConsoleSession.new(now: now, lifetime: lifetime)
        sessions[session.id] = session
        return .signedIn(session)
    }

    /// The live session a cookie names, or `nil` (unknown, or expired: then it is dropped).
    func session(_ id: String?) -> ConsoleSession? {
        guard let id, let session = sessions[id] else { return nil }
        guard session.expires > now() else {
            sessions[id] = nil
            return nil
        }
        return session
    }

    /// Whether `given` is the login token (for `/metrics` behind the token, as a bearer token).
    func isToken(_ given: String) -> Bool { WebhookReceiver.sameSecret(given, token) }

    /// Signs a session out.
    func logout(_ id: String) { sessions[id] = nil }

    /// Leaves a message for the session's next page.
    func setFlash(_ id: String, _ message: String) { sessions[id]?.flash = message }

    /// Takes the session's message, if any.
    func takeFlash(_ id: String) -> String? {
        defer { sessions[id]?.flash = nil }
        return sessions[id]?.flash
    }
}
