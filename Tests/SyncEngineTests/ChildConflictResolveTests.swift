import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncReports
import Testing

/// A child conflict left to a person (`manual`) is listed by `fgsync conflicts`, decided by
/// `fgsync resolve`, and written to both systems by the next run, end to end over the simulators.
struct ChildConflictResolveTests {
    static let record = LiveSeeds.recordId(1)
    static let contact = LiveSeeds.contactId(1)

    /// One child kind's conflict: how each side edits the child, and the decision a person makes.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: ChildKind
        var field: String
        var fulcrumValue: String
        var ghlValue: String
        var decision: ConflictDecision.Choice
        var decided: String
        var testDescription: String { "\(kind.configKey).\(field) decided \(decided)" }
    }

    static let cases: [Case] = [
        Case(kind: .note, field: "body", fulcrumValue: "gate code 4321", ghlValue: "gate code 9999",
             decision: ResolveJob.choice(typed: "gate code 1111"), decided: "gate code 1111"),
        Case(kind: .task, field: "title", fulcrumValue: "Send the quote Monday", ghlValue: "Send the quote Friday",
             decision: .fulcrum, decided: "Send the quote Monday"),
    ]

    /// The simulators' config with children listed only when their pair moved (no sweep), so
    /// a run lists an unchanged pair only because a person decided one of its children.
    static func config(_ harness: LiveHarness) -> MappingConfig {
        var config = harness.sims.config
        config.children.sweepShare = 0
        return config
    }

    static func json(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

    /// The child's current value on each side.
    static func values(_ harness: LiveHarness, _ test: Case, id: String) async throws -> (fulcrum: String?, ghl: String?) {
        let item = try await harness.items(Self.record, test.kind).first { $0["ghlId"] == id }
        let ghl = test.kind == .note ? await harness.notes(Self.contact)[id] : await harness.tasks(Self.contact)[id]?.title
        return (item?[test.field], ghl)
    }

    @Test(arguments: cases)
    func aManualChildConflictIsDecidedByResolveAndTheNextRunWritesTheDecisionToBothSides(_ test: Case) async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            let manual = ReconcileOptions(policyOverride: .manual)
            let config = Self.config(harness)
            _ = try await harness.reconcile(manual, config: config)
            let client = harness.sims.ghlClient
            let id: String
            if test.kind == .note {
                id = try await client.createNote(contactId: Self.contact, json: Self.json(["body": "gate code 1234"])).id
            } else {
                id = try await client.createTask(
                    contactId: Self.contact, json: Self.json(["title": "Send the quote", "dueDate": "2026-12-01T17:00:00Z", "completed": false])).id
            }
            let synced = try await harness.reconcile(manual, config: config)
            #expect(synced.failed.isEmpty, "\(synced.failed)")

            try await harness.setItem(Self.record, test.kind, ghlId: id, [test.field: test.fulcrumValue])
            if test.kind == .note {
                _ = try await client.updateNote(contactId: Self.contact, noteId: id, json: Self.json(["body": test.ghlValue]))
            } else {
                _ = try await client.updateTask(contactId: Self.contact, taskId: id, json: Self.json(["title": test.ghlValue]))
            }
            let conflicted = try await harness.reconcile(manual, config: config)
            #expect(conflicted.conflicts.contains { $0.field == "\(test.kind.configKey)[\(id)].\(test.field)" && $0.winner == nil })

            let open = try #require(try await ConflictsJob(statePath: harness.statePath).run().first {
                $0.field == "\(test.kind.configKey)[\(id)].\(test.field)"
            })
            #expect(open.fulcrum == test.fulcrumValue && open.ghl == test.ghlValue)
            _ = try await ResolveJob(statePath: harness.statePath, conflictId: open.id, choice: test.decision).run()

            let decided = try await harness.reconcile(manual, config: config)
            #expect(decided.failed.isEmpty, "\(decided.failed)")
            #expect(decided.conflicts.contains { $0.field == open.field && $0.rule == "manual-decision" }, "\(decided.conflicts)")
            let after = try await Self.values(harness, test, id: id)
            #expect(after.fulcrum == test.decided, "Fulcrum holds the decided value")
            #expect(after.ghl == test.decided, "GHL holds the decided value")
            #expect(try await ConflictsJob(statePath: harness.statePath).run().isEmpty, "the conflict is closed")

            let (rerun, writes) = try await harness.countingWrites { try await harness.reconcile(manual, config: config) }
            #expect(writes.total == 0, "both sides agree once the decision is written: \(writes)")
            #expect(rerun.conflicts.isEmpty, "\(rerun.conflicts)")
        }
    }
}
