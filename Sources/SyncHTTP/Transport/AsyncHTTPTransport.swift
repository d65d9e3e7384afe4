import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The production `HTTPTransport`, on AsyncHTTPClient.
///
/// Why AsyncHTTPClient rather than URLSession: SwiftNIO is already in the graph (Hummingbird),
/// it gives each request a real deadline, pools connections per host, and on Linux it has none of
/// FoundationNetworking's quirks (URLSession there drops bodies on DELETE, and GHL's tag removal
/// is a DELETE with a JSON body).
public final class AsyncHTTPTransport: HTTPTransport {
    /// The underlying client.
    let client: HTTPClient
    /// Whether `shutdown()` must shut `client` down (we created it).
    let ownsClient: Bool
    /// The largest response body accepted, in bytes.
    let maxBodyBytes: Int

    /// Uses an existing client (for example `HTTPClient.shared`); `shutdown()` leaves it running.
    public init(client: HTTPClient = .shared, maxBodyBytes: Int = 256 << 20) {
        self.client = client
        self.ownsClient = false
        self.maxBodyBytes = maxBodyBytes
    }

    /// Creates a private client on the shared event loop group (no redirects, 10 s connect
    /// timeout). Call `shutdown()` when done.
    public init(connectTimeout: Duration = .seconds(10), maxBodyBytes: Int = 256 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout.connect = Self.timeAmount(connectTimeout)
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.ownsClient = true
        self.maxBodyBytes = maxBodyBytes
    }

    /// Shuts the client down if this transport created it. Call once, after the last request.
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    /// Sends one request and collects the whole response within `request.timeout`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: Self.timeAmount(request.timeout))
            var buffer = try await response.body.collect(upTo: maxBodyBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            var headers = HTTPHeaders()
            for (name, value) in response.headers {
                headers.add(name, value)
            }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(bytes))
        } catch let error as TransportError {
            throw error
        } catch {
            throw Self.classify(error)
        }
    }

    /// Maps AsyncHTTPClient and NIO errors onto `TransportError`.
    static func classify(_ error: any Error) -> TransportError {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .writeTimeout, .deadlineExceeded:
                return TransportError(.timeout, requestSent: true, detail: "\(error)")
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return TransportError(.connectFailed, requestSent: false, detail: "\(error)")
            case .remoteConnectionClosed:
                return TransportError(.connectionClosed, requestSent: true, detail: "\(error)")
            default:
                if "\(error)".contains("responseBodyTooLarge") || "\(error)".contains("TooLarge") {
                    return TransportError(.bodyTooLarge, requestSent: true, detail: "\(error)")
                }
                return TransportError(.other, requestSent: true, detail: "\(error)")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNRESET, EPIPE:
                return TransportError(.connectionClosed, requestSent: true, detail: "\(error)")
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH:
                return TransportError(.connectFailed, requestSent: false, detail: "\(error)")
            default:
                return TransportError(.other, requestSent: true, detail: "\(error)")
            }
        }
        if error is NIOTooManyBytesError {
            return TransportError(.bodyTooLarge, requestSent: true, detail: "response body too large")
        }
        if error is ChannelError {
            return TransportError(.connectionClosed, requestSent: true, detail: "\(error)")
        }
        let text = String(describing: error)
        if text.contains("NIOConnectionError") || text.contains("connectionRefused")
            || text.contains("Connection refused")
        {
            return TransportError(.connectFailed, requestSent: false, detail: "connection refused")
        }
        return TransportError(.other, requestSent: true, detail: text)
    }

    /// Converts a `Duration` into NIO's `TimeAmount`.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
