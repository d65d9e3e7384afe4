/// The one error type of SyncCore: a code a program can switch on and a message for people.
///
/// Messages name the file, record and field at fault and say what to do next.
public struct SyncCoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// The mapping configuration is wrong; the message names the key and the fix.
        case invalidConfig
        /// A snapshot file or API body is not what was expected.
        case invalidSnapshot
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, where, and what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
