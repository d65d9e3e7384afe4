import Foundation
import SyncCore

extension SyncsRun {
    /// One sync's entry in `--json` output: its name and its report (schema `fgsync.report/1`),
    /// or the error that stopped it before it had one.
    struct JSONEntry: Encodable {
        var name: String
        var report: RunReport?
        var error: String?
        var exitCode: Int32
    }

    /// `--json` for several syncs: `{"syncs": [{"name", "report" | "error", "exitCode"}, …]}`.
    public static func json(_ outcomes: [Outcome]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let entries = outcomes.map {
            JSONEntry(name: $0.target.name, report: $0.report, error: $0.error, exitCode: $0.exitCode)
        }
        return try encoder.encode(["syncs": entries])
    }
}
