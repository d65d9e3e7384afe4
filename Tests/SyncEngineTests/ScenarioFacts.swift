import SyncCore
import SyncEngine

/// One-line descriptions of a plan's parts, so key facts of a scenario can be written by hand
/// from DESIGN.md's rules and compared independently of the golden files.
enum ScenarioFacts {
    /// `side kind fulcrumId/contactId key=value ... tags=[...]`, with `-` for an absent id.
    static func operations(_ document: PlanDocument) -> [String] {
        document.operations.map { op in
            var line = "\(op.side) \(op.kind) \(op.fulcrumId ?? "-")/\(op.contactId ?? "-")"
            for key in op.fields.keys.sorted() {
                line += " \(key)=\(op.fields[key]!.map { $0 } ?? "null")"
            }
            if !op.tags.isEmpty { line += " tags=[\(op.tags.joined(separator: ","))]" }
            return line
        }
    }

    /// `fulcrumId/contactId field winner=side|none rule=name`.
    static func conflicts(_ document: PlanDocument) -> [String] {
        document.conflicts.map {
            "\($0.fulcrumId)/\($0.contactId) \($0.field) winner=\($0.winner ?? "none") rule=\($0.rule)"
        }
    }

    /// `fulcrumId/contactId field` of each held item.
    static func held(_ document: PlanDocument) -> [String] {
        document.held.map { "\($0.fulcrumId ?? "-")/\($0.contactId ?? "-") \($0.field ?? "-")" }
    }

    /// `kind side` of each rail.
    static func rails(_ document: PlanDocument) -> [String] {
        document.rails.map { "\($0.kind) \($0.side ?? "-")" }
    }
}
