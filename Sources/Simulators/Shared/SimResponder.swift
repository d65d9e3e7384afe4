import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Hummingbird responder that hands every request to a `SimulatorEngine`.
///
/// It reads the body up to the 1 MB limit both real APIs enforce, converts to `SimRequest`,
/// and applies the engine's drop/delay instructions.
public struct SimResponder: HTTPResponder {
    /// Context type.
    public typealias Context = SimRequestContext
    /// Largest body accepted, in bytes.
    static let maxBodyBytes = 1_048_576

    let engine: any SimulatorEngine

    /// Wraps an engine.
    public init(engine: any SimulatorEngine) { self.engine = engine }

    /// Answers one request.
    public func respond(to request: Request, context: SimRequestContext) async throws -> Response {
        var body = Data()
        var tooLarge = false
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.maxBodyBytes {
            tooLarge = true
        } else {
            do {
                var buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
                body = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
            } catch {
                tooLarge = true
            }
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        // swift-http-types moves HTTP/1.1's Host header into the request's authority; keep it as
        // `host` so an answer can name this server (host and port), as `meta.nextPageUrl` does.
        if headers["host"] == nil, let authority = request.head.authority {
            headers["host"] = authority
        }
        let simRequest = SimRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            headers: headers, body: body, bodyTooLarge: tooLarge
        )
        let simResponse = await engine.handle(simRequest)
        if simResponse.delayMillis > 0 {
            try? await Task.sleep(for: .milliseconds(simResponse.delayMillis))
        }
        if simResponse.dropConnection {
            context.channel.close(promise: nil)
            throw CancellationError()
        }
        var fields = HTTPFields()
        for (name, value) in simResponse.headers {
            if let fieldName = HTTPField.Name(name) {
                fields.append(HTTPField(name: fieldName, value: value))
            }
        }
        return Response(
            status: HTTPResponse.Status(code: simResponse.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: simResponse.body))
        )
    }
}
