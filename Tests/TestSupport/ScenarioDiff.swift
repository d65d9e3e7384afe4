import Foundation
import SyncCore

/// A readable line diff between a golden plan and the plan produced, for failure messages.
public enum ScenarioDiff {
    /// The pretty JSON lines of `document`, as `PlanDocument.json()` prints them.
    public static func lines(_ document: PlanDocument) -> [String] {
        let data = (try? document.json()) ?? Data()
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    }

    /// `- expected` / `+ actual` lines with a little context, or `nil` when equal.
    public static func diff(expected: PlanDocument, actual: PlanDocument, scenario: String) -> String? {
        guard expected != actual else { return nil }
        let old = lines(expected)
        let new = lines(actual)
        // Longest common subsequence table, then walk it into a diff.
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] =
                    old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var entries: [(Character, String)] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                entries.append((" ", old[i])); i += 1; j += 1
            } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                entries.append(("-", old[i])); i += 1
            } else {
                entries.append(("+", new[j])); j += 1
            }
        }
        let changed = entries.indices.filter { entries[$0].0 != " " }
        var shown = Set<Int>()
        for index in changed {
            for k in max(0, index - 3)...min(entries.count - 1, index + 3) { shown.insert(k) }
        }
        var output = ["scenario \(scenario): the plan differs from expected.json (- expected, + actual):"]
        var last = -1
        for index in shown.sorted() {
            if index != last + 1 { output.append("  ...") }
            output.append("\(entries[index].0) \(entries[index].1)")
            last = index
        }
        output.append(
            "(if the new plan is right by DESIGN.md, rerun with FGSYNC_UPDATE_GOLDEN=1 and review the change)"
        )
        return output.joined(separator: "\n")
    }
}
