/// The API logic of one simulator: a request in, a response out.
///
/// Kept free of Hummingbird types so the same logic serves in-process tests, a real port, and
/// direct calls.
public protocol SimulatorEngine: Sendable {
    /// Answers one request. Never throws: every failure becomes the real API's error response.
    func handle(_ request: SimRequest) async -> SimResponse
}
