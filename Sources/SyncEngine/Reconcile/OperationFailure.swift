import SyncCore

/// A write that did not complete, with what to do about it.
public struct OperationFailure: Sendable, Hashable, Codable {
    /// The write.
    public var operation: SyncCore.Operation
    /// What went wrong, naming the record and field; never a token.
    public var error: String
    /// Whether the failure is final for this run only (retried next run) — always true today.
    public var retriedNextRun: Bool

    /// Creates a failure.
    public init(operation: SyncCore.Operation, error: String, retriedNextRun: Bool = true) {
        self.operation = operation
        self.error = error
        self.retriedNextRun = retriedNextRun
    }
}
