import Foundation
import SyncCore
import SyncEngine

/// `conflicts.csv`: one row per conflict of a run, for a spreadsheet.
///
/// UTF-8 with a byte-order mark (so Excel reads accents correctly), CRLF line ends, RFC 4180
/// quoting (fields with a comma, quote, CR or LF are quoted and quotes doubled), ISO-8601 times.
/// A value that a spreadsheet would run as a formula (starting with `=`, `@`, or a `+`/`-` not
/// followed by a phone-like number) is prefixed with `'`; see docs/report-schema.md.
public enum CSVReport {
    /// The column names, in order.
    public static let columns = [
        "run_id", "fulcrum_id", "fulcrum_name", "contact_id", "ghl_name", "field", "ghl_field", "base_value",
        "fulcrum_value", "fulcrum_updated_at", "ghl_value", "ghl_updated_at", "winner", "rule", "status", "conflict_id",
    ]

    /// The file's bytes.
    public static func render(_ report: RunReport) -> Data {
        var lines = [columns.joined(separator: ",")]
        for conflict in report.conflicts {
            let cells: [String?] = [
                String(report.runId), conflict.fulcrumId, conflict.fulcrumName, conflict.contactId, conflict.ghlName,
                conflict.field, conflict.ghlField, conflict.base, conflict.fulcrum, conflict.fulcrumUpdatedAt,
                conflict.ghl, conflict.ghlUpdatedAt, conflict.winner, conflict.rule, ConflictStatus.of(conflict),
                conflict.conflictId.map(String.init),
            ]
            lines.append(cells.map { field($0 ?? "") }.joined(separator: ","))
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// One field, defused and quoted as needed.
    static func field(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first {
            let rest = value.unicodeScalars.dropFirst()
            let phoneLike = !rest.isEmpty && rest.allSatisfy { CharacterSet(charactersIn: "0123456789 ()-.").contains($0) }
            if first == "=" || first == "@" || ((first == "+" || first == "-") && !phoneLike) { value = "'" + value }
        }
        guard value.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) || value.hasPrefix(" ") || value.hasSuffix(" ")
        else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
