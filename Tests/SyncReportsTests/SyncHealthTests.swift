import Foundation
import SyncReports
import Testing

/// Issue 15 item 5: a sync's health in one word, from its status: what the status table and
/// the console show first.
struct SyncHealthTests {
    /// A status as `fgsync status --json` prints it, with the given last outcome; `extra` (a
    /// JSON object) replaces keys of it.
    static func status(outcome: String?, extra: String = "") throws -> StatusJob.Status {
        var object: [String: Any] = [
            "schemaVersion": "v5-lean", "failedOperations": [Any](), "pendingWrites": 0, "held": [Any](), "openConflicts": 0,
            "pendingDecisions": 0, "cursors": [String: Any](), "railsHolding": [Any](), "inboxWaiting": 0, "parkedEvents": [Any](),
            "runs": outcome.map { [["id": 2, "kind": "reconcile", "mode": "apply", "startedAt": "2026-11-30T02:00:00Z", "outcome": $0, "counts": [String: Int]()]] } ?? [],
        ]
        if !extra.isEmpty, let more = try JSONSerialization.jsonObject(with: Data("{\(extra)}".utf8)) as? [String: Any] {
            object.merge(more) { _, new in new }
        }
        return try JSONDecoder().decode(StatusJob.Status.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test(arguments: [
        ("done", "", SyncHealth.ok),
        ("done", #""openConflicts": 2"#, .attention),
        ("done", #""pendingWrites": 1"#, .attention),
        ("partial", #""failedOperations": [{"side": "ghl", "kind": "update", "error": "500"}]"#, .attention),
        ("done", #""held": [{"reason": "invalid email"}]"#, .attention),
        ("refused", #""railsHolding": [{"kind": "maxDelete", "message": "too many deletes"}]"#, .held),
        ("failed", "", .failing),
        ("auth-failed", #""openConflicts": 2"#, .failing),
        (nil, "", .new),
    ] as [(String?, String, SyncHealth)])
    func aSyncsHealthComesFromItsLastRunAndWhatWaits(_ outcome: String?, _ extra: String, _ health: SyncHealth) throws {
        #expect(SyncHealth(try Self.status(outcome: outcome, extra: extra)) == health)
    }
}
