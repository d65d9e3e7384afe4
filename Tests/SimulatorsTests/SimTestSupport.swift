import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Simulators

/// A response reduced to what tests look at.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let text: String
    var json: JSONValue { (try? JSONValue.parse(Data(text.utf8))) ?? .null }

    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}

/// Deterministic simulators for tests: fixed clock, fixed seed, webhooks captured in memory.
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)
    static let ghlToken = GHLOptions().privateIntegrationToken
    static let fulcrumToken = FulcrumOptions().token
    static let locationId = GHLOptions().locationId
    static let formId = FulcrumOptions().formId

    static func ghl(
        clock: SimClock = SimClock(start: start), transport: any WebhookTransport = RecordingTransport(),
        seed: [JSONValue] = [], _ configure: (inout GHLOptions) -> Void = { _ in }
    ) async -> GHLSimulator {
        var options = GHLOptions()
        options.burstLimit = 10_000
        configure(&options)
        return await GHLSimulator(
            options: options, clock: clock, randomSeed: 42, seedContacts: seed, transport: transport)
    }

    static func fulcrum(
        clock: SimClock = SimClock(start: start), transport: any WebhookTransport = RecordingTransport(),
        seed: [JSONValue] = [], _ configure: (inout FulcrumOptions) -> Void = { _ in }
    ) async -> FulcrumSimulator {
        var options = FulcrumOptions()
        configure(&options)
        return await FulcrumSimulator(
            options: options, clock: clock, randomSeed: 42, seedRecords: seed, transport: transport)
    }
}

/// Captures webhook deliveries instead of sending them; answers with scripted statuses.
actor RecordingTransportState {
    var deliveries: [(url: String, headers: [String: String], body: Data)] = []
    var script: [Int?] = []

    func record(_ url: String, _ headers: [String: String], _ body: Data) -> Int? {
        deliveries.append((url, headers, body))
        return script.isEmpty ? 200 : script.removeFirst()
    }

    func setScript(_ statuses: [Int?]) { script = statuses }
}

struct RecordingTransport: WebhookTransport {
    let state = RecordingTransportState()

    func post(url: String, headers: [(name: String, value: String)], body: Data) async -> Int? {
        await state.record(
            url, Dictionary(headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 }), body)
    }
}

extension TestClientProtocol {
    /// A GHL API call with the PIT and `Version: 2021-07-28` unless told otherwise.
    func ghl(
        _ method: HTTPRequest.Method, _ uri: String, _ body: JSONValue? = nil, raw: String? = nil,
        token: String? = Fixture.ghlToken, version: String? = "2021-07-28",
        contentType: String = "application/json"
    ) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let version { headers[HTTPField.Name("Version")!] = version }
        var buffer: ByteBuffer?
        if let raw {
            buffer = ByteBuffer(string: raw)
        } else if let body {
            buffer = ByteBuffer(bytes: body.serialized())
        }
        if buffer != nil { headers[.contentType] = contentType }
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: buffer)
        let reply = Reply(
            status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
        ResponseLog.shared.append(method: method.rawValue, uri: uri, reply: reply)
        return reply
    }

    /// A Fulcrum API call with `X-ApiToken` unless told otherwise.
    func fulcrum(
        _ method: HTTPRequest.Method, _ uri: String, _ body: JSONValue? = nil, raw: String? = nil,
        token: String? = Fixture.fulcrumToken, headers extra: [String: String] = [:]
    ) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[HTTPField.Name("X-ApiToken")!] = token }
        headers[.accept] = "application/json"
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        var buffer: ByteBuffer?
        if let raw {
            buffer = ByteBuffer(string: raw)
        } else if let body {
            buffer = ByteBuffer(bytes: body.serialized())
        }
        if buffer != nil { headers[.contentType] = "application/json" }
        let response = try await executeRequest(uri: uri, method: method, headers: headers, body: buffer)
        return Reply(
            status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }
}

/// Appends every GHL reply to `$FGSYNC_GHL_RESPONSE_LOG` (JSON lines) for the OpenAPI check.
final class ResponseLog: @unchecked Sendable {
    // @unchecked: the file handle is only used under `lock`.
    static let shared = ResponseLog()
    private let lock = NSLock()
    private let path = ProcessInfo.processInfo.environment["FGSYNC_GHL_RESPONSE_LOG"]

    func append(method: String, uri: String, reply: Reply) {
        guard let path else { return }
        let line: JSONValue = [
            "method": .string(method),
            "path": .string(String(uri.split(separator: "?", maxSplits: 1).first ?? "")),
            "status": .int(reply.status), "contentType": .string(reply.header("Content-Type") ?? ""),
            "body": .string(reply.text),
        ]
        lock.lock()
        defer { lock.unlock() }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.seekToEndOfFile()
        handle.write(line.serialized() + Data("\n".utf8))
        handle.closeFile()
    }
}

/// Contact bodies for tests.
enum Body {
    static func contact(_ fields: [String: JSONValue] = [:]) -> JSONValue {
        var out: [String: JSONValue] = ["locationId": .string(Fixture.locationId)]
        for (key, value) in fields { out[key] = value }
        return .object(out)
    }

    static func record(_ values: [String: JSONValue], extra: [String: JSONValue] = [:]) -> JSONValue {
        var record: [String: JSONValue] = [
            "form_id": .string(Fixture.formId), "form_values": .object(values),
        ]
        for (key, value) in extra { record[key] = value }
        return ["record": .object(record)]
    }
}
