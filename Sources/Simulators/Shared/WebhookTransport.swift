import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one webhook POST; returns the receiver's status, or nil when the connection failed.
public protocol WebhookTransport: Sendable {
    /// Posts `body` to `url` with `headers`.
    func post(url: String, headers: [(name: String, value: String)], body: Data) async -> Int?
}

/// The default transport: a URLSession POST with a 20 s timeout (Fulcrum's documented limit).
public struct URLSessionWebhookTransport: WebhookTransport {
    /// Creates the transport.
    public init() {}

    /// Posts the body and reports the status.
    public func post(url: String, headers: [(name: String, value: String)], body: Data) async -> Int? {
        guard let target = URL(string: url) else { return nil }
        var request = URLRequest(url: target, timeoutInterval: 20)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        return await withCheckedContinuation { continuation in
            let task = URLSession.shared.dataTask(with: request) { _, response, _ in
                continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode)
            }
            task.resume()
        }
    }
}
