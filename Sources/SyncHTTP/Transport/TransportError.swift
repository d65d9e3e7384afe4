/// A failure to complete an HTTP exchange (no status was received).
///
/// `requestSent` tells the retry policy whether the server may have acted on the request: a
/// connect failure is safe to retry even for a create, a reset after sending is not.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The deadline passed before the response was complete.
        case timeout
        /// The connection was reset or closed by the peer.
        case connectionClosed
        /// No connection could be made (refused, DNS, TLS, connect timeout).
        case connectFailed
        /// The response was larger than the transport accepts.
        case bodyTooLarge
        /// Anything else (invalid URL, client shut down...).
        case other
    }

    /// What went wrong.
    public var kind: Kind
    /// Whether the request may have reached the server (`false` only when certain it did not).
    public var requestSent: Bool
    /// A short technical detail (never a header value).
    public var detail: String

    /// Creates a transport error.
    public init(_ kind: Kind, requestSent: Bool, detail: String = "") {
        self.kind = kind
        self.requestSent = requestSent
        self.detail = detail
    }

    /// The kind and the detail.
    public var description: String {
        detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)"
    }
}
