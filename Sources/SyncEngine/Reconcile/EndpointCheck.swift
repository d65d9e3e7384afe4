import SyncCore
import SyncHTTP

/// The first request to each system (the form, the custom fields) doubles as a check of the
/// config's `url`, `form_id` and `location_id`: a refusal there is a wrong key, named with the
/// fix (exit 2), not a failure to retry (exit 1). Nothing has been written to either system yet.
enum EndpointCheck {
    /// Runs `body` (the first request to `side`), turning a wrong-endpoint answer into a usage error.
    static func first<T: Sendable>(
        _ side: Side, config: MappingConfig, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as APIError {
            throw naming(error, side: side, config: config) ?? error
        }
    }

    /// Whether a transport failure says the address itself is wrong (nothing listens there, the
    /// host has no address) rather than a passing network fault, which the next run retries
    /// (a timeout or a reset is exit 1, not a config error).
    static func cannotReach(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["refused", "resolve", "unknown host", "nodename", "name or service not known", "no address", "invalid url", "unsupported url"]
            .contains { text.contains($0) }
    }

    static func naming(_ error: APIError, side: Side, config: MappingConfig) -> SyncEngineError? {
        let endpoint = side == .fulcrum ? config.fulcrum : config.ghl
        let prefix = side == .fulcrum ? "fulcrum" : "ghl"
        let url = endpoint.url ?? (side == .fulcrum ? "https://api.fulcrumapp.com" : "https://services.leadconnectorhq.com")
        let idKey = side == .fulcrum ? "fulcrum.form_id" : "ghl.location_id"
        let name = side == .fulcrum ? "Fulcrum" : "GHL"
        switch error.code {
        case .transport where Self.cannotReach(error.message):
            return SyncEngineError(
                .usage, "\(prefix).url \(url): \(name) cannot be reached (\(error.message)). Check \(prefix).url in the config (scheme, host and port); nothing was written.")
        case .notFound:
            return SyncEngineError(
                .usage, "\(idKey) \"\(endpoint.id)\": \(name) has no such \(side == .fulcrum ? "form" : "location") at \(url) (404). Check \(idKey) (and \(prefix).url) in the config; nothing was written.")
        case .rejected(let status) where status == 400 || status == 403 || status == 422:
            return SyncEngineError(
                .usage, "\(idKey) \"\(endpoint.id)\": \(name) refused it (\(status): \(error.message)). Check \(idKey) is the \(side == .fulcrum ? "form" : "location") the token belongs to; nothing was written.")
        default:
            return nil
        }
    }
}
