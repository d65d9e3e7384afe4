/// The plan for people (`fgsync plan`, the default format).
extension PlanDocument {
    /// A readable rendering: summary first, then rails, operations, conflicts, held items.
    /// Every line is escaped (`TextEscaping`): a value cannot forge a line or drive the terminal.
    public func text() -> String {
        var lines: [String] = []
        let verdict = summary.refused ? "REFUSED by a safety rail (nothing would be written; --force overrides)" : "plan made"
        lines.append("fgsync plan: \(summary.totalOperations) operations, \(summary.conflicts) conflicts (\(summary.openConflicts) open), \(summary.held) held — \(verdict)")
        for side in ["ghl", "fulcrum"] {
            guard let kinds = summary.operations[side], !kinds.isEmpty else { continue }
            let parts = kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append("  \(side == "ghl" ? "GHL" : "Fulcrum"): \(parts.joined(separator: ", "))")
        }
        if !rails.isEmpty {
            lines.append("")
            lines.append("Safety rails tripped:")
            lines += rails.map { "  ! \($0.kind): \($0.message)" }
        }
        if !operations.isEmpty {
            lines.append("")
            lines.append("Operations:")
            for operation in operations {
                let target = operation.side == "ghl"
                    ? "GHL contact \(operation.contactId ?? "(new)")" : "Fulcrum record \(operation.fulcrumId ?? "(new)")"
                var detail = ""
                if !operation.fields.isEmpty {
                    detail = " " + operation.fields.sorted { $0.key < $1.key }
                        .map { "\($0.key)=\($0.value.map { "\"\($0)\"" } ?? "(clear)")" }.joined(separator: " ")
                }
                if !operation.tags.isEmpty { detail += " tags=[\(operation.tags.joined(separator: ", "))]" }
                if let note = operation.note { detail += " (\(note))" }
                lines.append("  \(operation.kind) \(target)\(detail)")
            }
        }
        if !conflicts.isEmpty {
            lines.append("")
            lines.append("Conflicts:")
            for conflict in conflicts {
                let winner = conflict.winner.map { "\($0) wins by \(conflict.rule)" } ?? "waiting for a person (manual)"
                lines.append("  \(conflict.fulcrumId) <-> \(conflict.contactId) \(conflict.field): base \(quote(conflict.base)), Fulcrum \(quote(conflict.fulcrum)), GHL \(quote(conflict.ghl)); \(winner)")
            }
        }
        if !held.isEmpty {
            lines.append("")
            lines.append("Held:")
            lines += held.map { "  - \($0.reason)" }
        }
        if let lookups, !lookups.isEmpty {
            lines.append("")
            lines.append("Looked up first by a real run:")
            lines += lookups.map { "  - \($0)" }
        }
        return TextEscaping.lines(lines) + "\n"
    }

    private func quote(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "(empty)" }
}
