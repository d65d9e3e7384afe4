/// The one error type of SyncReports: a code a program can switch on, and a message that says
/// what was asked for and what to do instead. Every code maps to exit status 2.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// No run has this id, or the state file has no runs yet.
        case unknownRun
        /// The run exists but stored no report (it predates reports, or died before its end).
        case noReport
        /// The output directory or file cannot be written.
        case cannotWrite
        /// An argument is malformed (a run id that is not a number, a bad value).
        case usage
    }

    /// What went wrong, for programs.
    public var code: Code
    /// What went wrong and what to do, for people.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
