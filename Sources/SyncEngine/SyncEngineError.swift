/// The one error type of SyncEngine: a code a program (and the CLI's exit status) can switch
/// on, and a message naming the file, record or field and what to do next.
public struct SyncEngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// The command line or configuration is wrong (exit 2).
        case usage
        /// An input file cannot be read or is malformed (exit 2).
        case input
        /// The state file cannot be used (exit 2).
        case state
        /// Another run holds the state file's lock (exit 2).
        case locked
        /// Authentication failed and refreshing did not help (exit 4).
        case auth
        /// The GHL app is not installed in the sync's location any more (exit 5): nothing can be
        /// read or written there until it is reinstalled.
        case uninstalled
    }

    /// The kind of failure.
    public var code: Code
    /// What happened and what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
