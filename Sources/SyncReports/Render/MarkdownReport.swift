import SyncCore
import SyncEngine

/// `report.md`: the run for a ticket or a chat message, as GitHub-flavoured Markdown.
public enum MarkdownReport {
    /// The Markdown text.
    public static func render(_ report: RunReport) -> String {
        var out = ["# fgsync run \(report.runId): \(report.outcome)", ""]
        out.append("- Mode: \(report.mode)")
        if let error = report.error { out.append("- Stopped before it finished: \(error)") }
        out.append("- Started: \(report.startedAt); finished: \(report.finishedAt)")
        out.append("- Read: \(report.snapshot.fulcrumRecords) Fulcrum records, \(report.snapshot.ghlContacts) GHL contacts")
        out.append("- Conflicts: \(report.conflicts.count); held: \(report.held.count); failed: \(report.failed.count); rails tripped: \(report.rails.count)")
        out.append("")
        out.append("## Changes")
        out.append("")
        out.append("| Side | Kind | Planned | Applied |")
        out.append("|---|---|---:|---:|")
        for (side, kind) in ReportCounts.keys(report) {
            out.append("| \(side) | \(kind) | \(report.planned[side]?[kind] ?? 0) | \(report.applied[side]?[kind] ?? 0) |")
        }
        if !report.conflicts.isEmpty {
            out += ["", "## Conflicts", "", "| Fulcrum record | GHL contact | Field | Base | Fulcrum | GHL | Winner | Rule | Status |", "|---|---|---|---|---|---|---|---|---|"]
            for c in report.conflicts {
                let cells = [
                    named(c.fulcrumName, c.fulcrumId), named(c.ghlName, c.contactId), c.field, c.base ?? "", 
                    (c.fulcrum ?? "") + (c.fulcrumUpdatedAt.map { " (\($0))" } ?? ""),
                    (c.ghl ?? "") + (c.ghlUpdatedAt.map { " (\($0))" } ?? ""),
                    c.winner ?? "-", c.rule, ConflictStatus.of(c),
                ]
                out.append("| " + cells.map(cell).joined(separator: " | ") + " |")
            }
        }
        if !report.held.isEmpty {
            out += ["", "## Held", ""]
            for item in report.held { out.append("- " + cell("\(item.fulcrumId ?? item.contactId ?? "-"): \(item.reason)")) }
        }
        if !report.failed.isEmpty {
            out += ["", "## Failed operations", ""]
            for failure in report.failed {
                out.append("- " + cell("\(failure.side) \(failure.kind) \(failure.fulcrumId ?? failure.contactId ?? "-"): \(failure.error)"))
            }
        }
        if !report.rails.isEmpty {
            out += ["", "## Safety rails tripped", ""]
            for rail in report.rails { out.append("- " + cell("\(rail.kind): \(rail.message)")) }
        }
        return TextEscaping.lines(out) + "\n"
    }

    static func named(_ name: String?, _ id: String) -> String {
        name.map { "\($0) (\(id))" } ?? id
    }

    /// Escapes what Markdown or a table would interpret: pipes, backslashes, HTML. Line breaks
    /// and control characters are left to `TextEscaping`, which `render` applies to every line.
    static func cell(_ text: String) -> String {
        var out = ""
        for char in text {
            switch char {
            case "|", "\\", "*", "_", "`", "[", "]", "#": out += "\\\(char)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(char)
            }
        }
        return out
    }
}
