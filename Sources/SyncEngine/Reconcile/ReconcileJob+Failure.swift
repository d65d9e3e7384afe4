import Foundation
import SyncCore
import SyncStore

/// Recording a run that stopped before it finished on its own.
extension ReconcileJob {
    /// Stores the run as `failed`, with a report naming the error, unless the run already
    /// recorded how it ended (e.g. `auth-failed` during propagation). Best effort: the caller
    /// rethrows the original error, which matters more than a bookkeeping failure here.
    func recordUnfinished(runId: Int64, started: Date, error: any Error) async {
        guard let run = try? await store.run(runId), run.finishedAt == nil else { return }
        let message = "the run stopped before it finished: \(error)"
        var report = RunReport(
            runId: runId, mode: mode, startedAt: Timestamp.format(started, milliseconds: true),
            finishedAt: Timestamp.format(store.clock.now(), milliseconds: true), outcome: "failed",
            snapshot: .init(fulcrumRecords: 0, ghlContacts: 0, goneFromFulcrum: 0, goneFromGHL: 0),
            planned: [:], applied: [:], conflicts: [], held: [], rails: [], failed: [], duplicatesLinked: 0)
        report.error = message
        try? await store.finishRun(runId, outcome: "failed", counts: [:])
        if let json = try? report.json() { try? await store.saveRunReport(runId: runId, json: json) }
        if let directory = options.reportDirectory { try? options.reportWriter.write(report, to: directory) }
        log("run \(runId) failed: \(message)")
    }
}
