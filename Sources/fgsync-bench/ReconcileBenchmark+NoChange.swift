import Demo
import Foundation
import Simulators
import SyncEngine
import SyncStore

extension ReconcileBenchmark {
    /// A nightly reconcile with nothing to do: `contacts` pairs, linked on both sides (each
    /// contact holds its record's id, each record its contact's), under the simulators' default
    /// limits (GHL 100 per 10 s and 200,000 a day, Fulcrum 5,000 an hour). A first run takes
    /// the links as the records carry them (nothing to write); the second, timed, lists both
    /// sides and writes nothing, so its floor is what listing those pages needs under the limits
    /// (`RateFloor`).
    func noChange(directory: URL, figures: BenchFigures) async throws {
        let options = SimulatorOptions()
        let sims = try await LiveSimulators.start(options: options)
        defer { Task { await sims.stop() } }
        let linkField = sims.summary.ghl.externalIdFieldId
        await sims.cluster.fulcrum.store.seed(records: (0..<contacts).map { index in
            var values = Self.person(index, fulcrum: true)
            values["ghl_contact_id"] = Self.linkedContactId(index)
            return sims.fulcrumRecord(id: "bench-f-\(index)", values: values)
        })
        await sims.cluster.ghl.store.seed(contacts: (0..<contacts).map { index in
            let contact = sims.ghlContact(id: Self.linkedContactId(index), fields: Self.ghlFields(Self.person(index, fulcrum: false)))
            var members = contact.objectValue ?? [:]
            members["customFields"] = .array([.object(["id": .string(linkField), "value": .string("bench-f-\(index)")])])
            return .object(members)
        })
        let store = try SQLiteStateStore(path: directory.appendingPathComponent("no-change.sqlite").path)
        let job = ReconcileJob(config: Self.contactsOnly(sims.config), store: store, fulcrum: sims.fulcrumGateway, ghl: sims.ghlGateway)
        let setupStart = ContinuousClock.now
        let setup = try await job.run()
        figures.say("setup: a first reconcile of \(contacts) pairs linked on both sides: \(setup.outcome), applied \(setup.applied), wall \(Self.seconds(ContinuousClock.now - setupStart)) s")
        // A nightly run starts with GHL's window full: let the setup's requests leave it.
        try await Task.sleep(for: .milliseconds(options.ghl.burstWindowMillis + 500))

        let before = Self.requestTotals(sims)
        let limitedBefore = Self.limitedTotals(sims)
        let start = ContinuousClock.now
        let report = try await job.run()
        let wall = Self.secondsValue(ContinuousClock.now - start)
        let after = Self.requestTotals(sims)
        let fulcrumPages = after.fulcrumLists - before.fulcrumLists
        let ghlPages = after.ghlLists - before.ghlLists
        let sent = after.total - before.total
        let floor = RateFloor(options: options, fulcrumRequests: fulcrumPages, ghlRequests: ghlPages)
        figures.record(run: "no-change", requests: sent, ideal: fulcrumPages + ghlPages, limited: Self.limitedTotals(sims) - limitedBefore, wall: wall, floor: floor)
        figures["pairs"] = contacts
        figures["run_applied"] = report.applied.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        // Listed records kept without projecting them again (their raw JSON is the mirror's).
        figures["unchanged_kept"] = (report.snapshot.fulcrumUnchanged ?? 0) + (report.snapshot.ghlUnchanged ?? 0)
        figures.say("no-change reconcile of \(contacts) pairs under the real limits: \(report.outcome), applied \(report.applied)")
        figures.say("  requests \(sent) (\(fulcrumPages) Fulcrum + \(ghlPages) GHL list pages, \(sent - fulcrumPages - ghlPages) other); 429 answers \(Self.limitedTotals(sims) - limitedBefore)")
        figures.say("  wall \(String(format: "%.2f", wall)) s; floor \(String(format: "%.2f", floor.seconds)) s (ratio \(String(format: "%.3f", wall / max(floor.seconds, 0.001)))); GHL pages at the plain allowed rate \(String(format: "%.2f", floor.ghlRateSeconds)) s (ratio \(String(format: "%.3f", wall / max(floor.ghlRateSeconds, 0.001))))")
    }

    /// The GHL id of the `index`-th linked pair's contact.
    static func linkedContactId(_ index: Int) -> String { "BenchGhl\(index)" }
}
