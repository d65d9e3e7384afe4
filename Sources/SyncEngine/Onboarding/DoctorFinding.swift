/// One line of `fgsync doctor`: what was checked, how it stands, and the fix.
public struct DoctorFinding: Sendable, Hashable, Codable {
    /// How a check stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Nothing to do.
        case ok
        /// A run would work, but something may surprise (say what and how to avoid it).
        case warning
        /// A run would fail or do harm; `fgsync doctor` exits non-zero.
        case error
    }

    /// The check's name (`config`, `fulcrum.form`, `link.ghl_custom_field`, `ghl.scopes`, ...).
    public var check: String
    /// How it stands.
    public var status: Status
    /// What was found, and how it was checked.
    public var detail: String
    /// What to do, when something is to be done.
    public var fix: String?

    /// Creates a finding.
    public init(_ check: String, _ status: Status, _ detail: String, fix: String? = nil) {
        self.check = check
        self.status = status
        self.detail = detail
        self.fix = fix
    }
}
