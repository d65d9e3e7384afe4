import Foundation
import SyncCore

/// What `fgsync doctor` found: one screen of findings, as text or JSON.
public struct DoctorReport: Sendable, Hashable, Codable {
    /// The findings, in the order they were checked.
    public var findings: [DoctorFinding] = []

    /// Creates an empty report.
    public init() {}

    /// Whether nothing is an error (the exit status is 0 exactly then).
    public var ok: Bool { !findings.contains { $0.status == .error } }

    /// The finding of `check`, if it ran.
    public func finding(_ check: String) -> DoctorFinding? { findings.first { $0.check == check } }

    mutating func add(_ check: String, _ status: DoctorFinding.Status, _ detail: String, fix: String? = nil) {
        findings.append(DoctorFinding(check, status, detail, fix: fix))
    }

    /// For people: one line per finding, its fix indented below; control characters from the
    /// APIs' answers are escaped.
    public var text: String {
        let width = findings.map(\.check.count).max() ?? 0
        var lines: [String] = []
        for finding in findings {
            let status = finding.status.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)
            let check = finding.check.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(status) \(check)  \(TextEscaping.escape(finding.detail))")
            if let fix = finding.fix { lines.append(String(repeating: " ", count: width + 10) + "fix: " + TextEscaping.escape(fix)) }
        }
        let errors = findings.filter { $0.status == .error }.count
        let warnings = findings.filter { $0.status == .warning }.count
        lines.append(errors == 0 ? "No errors (\(warnings) warning\(warnings == 1 ? "" : "s")): a run can start." : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"): fix the errors before the first run.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// For tools: `{"ok": true, "findings": [{"check", "status", "detail", "fix"}]}`.
    public func json() throws -> Data {
        try Self.encoder.encode(Document(ok: ok, findings: findings))
    }

    /// For tools, the reports of several syncs in one document:
    /// `{"ok": true, "syncs": [{"name", "ok", "findings"}]}` (`ok` when no sync has an error).
    public static func json(_ reports: [(name: String, report: DoctorReport)]) throws -> Data {
        struct Named: Encodable {
            var name: String
            var ok: Bool
            var findings: [DoctorFinding]
        }
        struct Several: Encodable {
            var ok: Bool
            var syncs: [Named]
        }
        let syncs = reports.map { Named(name: $0.name, ok: $0.report.ok, findings: $0.report.findings) }
        return try encoder.encode(Several(ok: syncs.allSatisfy(\.ok), syncs: syncs))
    }

    private struct Document: Encodable {
        var ok: Bool
        var findings: [DoctorFinding]
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
