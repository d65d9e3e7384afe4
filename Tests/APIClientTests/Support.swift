import Foundation
import TestSupport
import Logging
import SyncHTTP

/// An in-memory transport: answers each request with `respond` and records what was sent.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: `sent` and `script` are only touched under `lock`.
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    private var script: [Result<HTTPResponse, TransportError>]
    private let respond: (@Sendable (HTTPRequest, Int) throws -> HTTPResponse)?

    /// Answers from a script, in order; the last entry repeats.
    init(_ script: [Result<HTTPResponse, TransportError>]) {
        self.script = script
        self.respond = nil
    }

    /// Answers with a function of the request and its 0-based index.
    init(respond: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
        self.script = []
        self.respond = respond
    }

    var requests: [HTTPRequest] {
        lock.withLock { sent }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (index, next): (Int, Result<HTTPResponse, TransportError>?) = lock.withLock {
            sent.append(request)
            let index = sent.count - 1
            guard respond == nil else { return (index, nil) }
            return (index, script.count > 1 ? script.removeFirst() : script.first)
        }
        if let respond { return try respond(request, index) }
        switch next {
        case .success(let response): return response
        case .failure(let error): throw error
        case nil: return HTTPResponse(status: 500)
        }
    }
}

/// A JSON response.
func json(_ status: Int, _ text: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
    HTTPResponse(status: status, headers: headers, body: Data(text.utf8))
}

/// A clock that never waits: it records every requested sleep and advances its own time.
final class RecordingSleeper: Sleeper, @unchecked Sendable {
    // @unchecked: state is only touched under `lock`.
    private let lock = NSLock()
    private var time: Duration = .zero
    private var sleeps: [Duration] = []

    var delays: [Duration] { lock.withLock { sleeps } }

    func now() -> Duration { lock.withLock { time } }

    func advance(_ duration: Duration) { lock.withLock { time += duration } }

    func sleep(for duration: Duration) async throws {
        lock.withLock {
            sleeps.append(duration)
            time += duration
        }
    }
}

/// A jitter source that always returns the same value.
struct FixedJitter: JitterSource {
    var value: Double
    func nextUnit() -> Double { value }
}

/// Options for tests: recording sleeper, fixed jitter, capturing logger.
func testOptions(
    sleeper: RecordingSleeper = RecordingSleeper(),
    jitter: any JitterSource = FixedJitter(value: 0.5),
    retry: SyncHTTP.RetryPolicy = SyncHTTP.RetryPolicy(),
    logs: LogCapture? = nil
) -> ClientOptions {
    var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    if let logs {
        logger = Logger(label: "test") { _ in CapturingLogHandler(capture: logs) }
        logger.logLevel = .trace
    }
    return ClientOptions(retry: retry, timeout: .seconds(5), sleeper: sleeper, jitter: jitter, logger: logger)
}

let testURL = URL(string: "https://api.example.test")!

/// A temporary folder removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "fgsync-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension HTTPRequest {
    /// The body as a JSON object.
    var jsonBody: [String: Any]? {
        body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }
}
