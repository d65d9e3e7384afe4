import Foundation
import SyncCore
import SyncEngine

extension Rehearsal {
    /// For people: what the first real run would do (the run summary), then the end state it
    /// would leave, the held items and conflicts, and the sample of people before and after.
    public var text: String {
        var lines = ["Rehearsal on copies of both systems (nothing was written to either, nor to the state file)."]
        lines += RunSummary(report: report).text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        lines.append("")
        lines.append("End state after the first real run:")
        lines.append("  Fulcrum records: \(before.fulcrumRecords) -> \(after.fulcrumRecords)")
        lines.append("  GHL contacts:    \(before.ghlContacts) -> \(after.ghlContacts)")
        lines.append("  linked pairs:    \(before.linkedPairs) -> \(after.linkedPairs) (\(after.linkedPairs - before.linkedPairs) links made)")
        if !report.held.isEmpty {
            lines.append("Held (left alone until corrected): \(report.held.count)")
            for held in report.held.prefix(20) {
                let who = [held.fulcrumId.map { "Fulcrum \($0)" }, held.contactId.map { "GHL \($0)" }].compactMap { $0 }.joined(separator: " / ")
                lines.append("  \(who)\(held.field.map { " \($0)" } ?? ""): \(held.reason)")
            }
        }
        if !report.conflicts.isEmpty {
            lines.append("Conflicts: \(report.conflicts.count)")
            for conflict in report.conflicts.prefix(20) {
                let winner = conflict.winner.map { "\($0) wins" } ?? "waits for a person"
                lines.append("  \(conflict.fulcrumName ?? conflict.fulcrumId) \(conflict.field): Fulcrum \"\(conflict.fulcrum ?? "")\" vs GHL \"\(conflict.ghl ?? "")\": \(winner) (\(conflict.rule))")
            }
        }
        lines.append("")
        lines.append("Sample of \(sample.count) people, before -> after:")
        for entry in sample {
            lines.append("  \(entry.name)\(entry.after.linked ? " (linked)" : "")")
            for change in Self.changes(entry) { lines.append("    \(change)") }
        }
        return TextEscaping.lines(lines)
    }

    /// The values that differ between before and after, per side; "unchanged" when none do.
    public static func changes(_ entry: Sample) -> [String] {
        var out: [String] = []
        func compare(_ side: String, _ old: [String: String]?, _ new: [String: String]?) {
            guard let new else { return }
            guard let old else {
                out.append("\(side): created with \(new.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
                return
            }
            for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
                out.append("\(side) \(key): \"\(old[key] ?? "")\" -> \"\(new[key] ?? "")\"")
            }
        }
        compare("Fulcrum", entry.before?.fulcrum, entry.after.fulcrum)
        compare("GHL", entry.before?.ghl, entry.after.ghl)
        for (side, old, new) in [("Fulcrum", entry.before?.fulcrumTags, entry.after.fulcrumTags), ("GHL", entry.before?.ghlTags, entry.after.ghlTags)] {
            guard let new, new != (old ?? []) else { continue }
            out.append("\(side) tags: \(new.isEmpty ? "none" : new.joined(separator: ", "))\(old.map { " (were \($0.isEmpty ? "none" : $0.joined(separator: ", ")))" } ?? "")")
        }
        if entry.before?.linked != true, entry.after.linked { out.append("linked") }
        return out.isEmpty ? ["unchanged"] : out
    }
}
