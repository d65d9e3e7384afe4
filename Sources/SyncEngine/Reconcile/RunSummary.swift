import SyncCore

/// A short readable summary of a run for a terminal: what was created, updated, linked,
/// deleted and conflicted on each side, and where the report is.
public struct RunSummary: Sendable {
    /// The run's report.
    public let report: RunReport

    /// Creates a summary.
    public init(report: RunReport) {
        self.report = report
    }

    /// The summary text.
    public func text(reportDir: String? = nil) -> String {
        var lines = ["fgsync run \(report.runId) (\(report.mode)): \(report.outcome)"]
        lines.append("  read: \(report.snapshot.fulcrumRecords) Fulcrum records, \(report.snapshot.ghlContacts) GHL contacts")
        let counts = report.mode == "dry-run" ? report.planned : report.applied
        for (side, name) in [("ghl", "GHL"), ("fulcrum", "Fulcrum")] {
            let kinds = counts[side] ?? [:]
            let tags = (kinds["addTags"] ?? 0) + (kinds["removeTags"] ?? 0)
            lines.append("  \(name): created \(kinds["create"] ?? 0), updated \(kinds["update"] ?? 0), linked \(kinds["link"] ?? 0), deleted \(kinds["delete"] ?? 0), tag changes \(tags)\(report.mode == "dry-run" ? " (planned)" : "")")
        }
        if let children = childrenLine(counts, planned: report.mode == "dry-run") { lines.append(children) }
        let open = report.conflicts.filter { $0.winner == nil && $0.rule == "manual" }.count
        lines.append("  conflicts: \(report.conflicts.count) (\(report.conflicts.filter { $0.winner == "fulcrum" }.count) Fulcrum won, \(report.conflicts.filter { $0.winner == "ghl" }.count) GHL won, \(report.conflicts.filter { $0.rule == "manual-decision" }.count) decided by a person, \(open) waiting for a person)")
        if report.duplicatesLinked > 0 { lines.append("  GHL duplicates linked instead of created: \(report.duplicatesLinked)") }
        if !report.held.isEmpty {
            lines.append("  held: \(report.held.count)")
            for item in report.held.prefix(3) { lines.append("    - \(item.reason)") }
            if report.held.count > 3 { lines.append("    (the rest in the report)") }
        }
        for lookup in report.lookups ?? [] { lines.append("  \(lookup)") }
        for rail in report.rails { lines.append("  refused: \(rail.message)") }
        if !report.failed.isEmpty {
            lines.append("  failed: \(report.failed.count) (retried by the next run)")
            for failure in report.failed.prefix(5) { lines.append("    - \(failure.error)") }
        }
        if let reportDir { lines.append("  report: \(reportDir)/report.json") }
        return TextEscaping.lines(lines)
    }
}
