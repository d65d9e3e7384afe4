import SyncCore

/// How a reported conflict stands, for people: shown in the CSV, Markdown and HTML reports and
/// used by the HTML page's status filter.
enum ConflictStatus {
    /// `open` (waiting for a person), `decided` (a person's decision was applied) or `resolved`
    /// (the policy chose a winner).
    static func of(_ conflict: PlanDocument.ConflictEntry) -> String {
        if conflict.rule == "manual-decision" { return "decided" }
        return conflict.winner == nil ? "open" : "resolved"
    }
}
