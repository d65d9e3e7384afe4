import Foundation
import Logging
import Synchronization

/// Collects every log line (message and metadata) as text, for tests that read what was logged.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// An empty capture.
    public init() {}

    /// Adds one line.
    public func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// Every line so far, one per line.
    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    /// How many lines so far.
    public var count: Int { lines.withLock { $0.count } }
}

/// A swift-log handler writing into a `LogCapture`, metadata included.
public struct CapturingLogHandler: LogHandler {
    /// Where the lines go.
    public let capture: LogCapture
    /// The handler's metadata.
    public var metadata: Logger.Metadata = [:]
    /// Every level is captured.
    public var logLevel: Logger.Level = .trace

    /// A handler writing into `capture`.
    public init(capture: LogCapture) {
        self.capture = capture
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event's level, message and metadata as one line.
    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        capture.append("\(event.level) \(event.message) \(all)")
    }
}
