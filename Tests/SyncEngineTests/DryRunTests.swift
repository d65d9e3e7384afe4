import Demo
import Simulators
import Foundation
import SyncCore
import SyncEngine
import SyncStore
import Testing

/// `reconcile --dry-run` has no side effects: the state file, its `-wal` and `-shm` stay byte
/// for byte as they were; interrupted creates are reported as lookups to make, not made.
@Suite(.serialized)
struct DryRunTests {
    /// The bytes of the state file and its companions (`nil` where a file does not exist).
    static func fingerprint(_ path: String) -> [String: Data?] {
        Dictionary(uniqueKeysWithValues: ["", "-wal", "-shm"].map { suffix in
            (suffix.isEmpty ? "db" : suffix, FileManager.default.contents(atPath: path + suffix))
        })
    }

    @Test func aDryRunLeavesTheStateFileItsWALAndSHMByteForByteUnchanged() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 3)
            _ = try await harness.reconcile()
            // A conflict, a one-sided edit, and a new record whose GHL create was interrupted.
            try await harness.editRecord("f-1", ["company_name": "Fulcrum Side"])
            try await harness.editContact("Ghl1", ["companyName": "GHL Side"])
            try await harness.editContact("Ghl2", ["lastName": "Hopper-Murray"])
            await harness.sims.cluster.fulcrum.store.seed(records: [
                harness.sims.fulcrumRecord(id: "f-new", values: ["first_name": "Ida", "email": "ida@example.com"])
            ])
            // The searches a dry run makes with nothing to look up: its listing.
            let listing = Self.searches(harness)
            _ = try await harness.runCommand(dryRun: true)
            let listingSearches = Self.searches(harness) - listing
            // A store left open holds its last write in the WAL, as a crashed run would.
            let open = try SQLiteStateStore(path: harness.statePath)
            let runId = try await open.startRun(kind: "reconcile", mode: "apply")
            _ = try await open.appendJournal(runId: runId, operations: [
                Operation(side: .ghl, kind: .create, fulcrumId: "f-new", contactId: nil, fields: ["email": FieldValue(canonical: "ida@example.com", text: "ida@example.com")])
            ])
            let before = Self.fingerprint(harness.statePath)
            #expect(before["-wal"] != nil, "the test needs a WAL to hold the last write")
            let searchesBefore = Self.searches(harness)

            let report = try await harness.runCommand(dryRun: true)

            #expect(Self.fingerprint(harness.statePath) == before, "the dry run changed the state file")
            #expect(report.outcome == "dry-run")
            #expect(report.lookups?.contains { $0.contains("Fulcrum record f-new") } == true)
            #expect(Self.searches(harness) - searchesBefore == listingSearches, "the dry run looked the interrupted create up")
            let operations = try #require(report.operations)
            #expect(operations.contains { $0.side == "fulcrum" && $0.kind == "update" && $0.fields["last_name"] == "Hopper-Murray" })
            #expect(operations.contains { $0.side == "ghl" && $0.kind == "create" && $0.fulcrumId == "f-new" })
            #expect(report.conflicts.contains { $0.field == "company_name" })
            try open.close()
        }
    }

    @Test func aDryRunHoldsTheInterruptedCreateARealRunWouldHoldInsteadOfListingItAsSent() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 1)
            _ = try await harness.reconcile()
            // A new record with nothing GHL's duplicate check could find it by; its create was interrupted just now.
            await harness.sims.cluster.fulcrum.store.seed(records: [
                harness.sims.fulcrumRecord(id: "f-anon", values: ["first_name": "Anonymous"])
            ])
            do {
                let store = try SQLiteStateStore(path: harness.statePath)
                let runId = try await store.startRun(kind: "reconcile", mode: "apply")
                _ = try await store.appendJournal(runId: runId, operations: [
                    Operation(side: .ghl, kind: .create, fulcrumId: "f-anon", contactId: nil,
                              fields: ["first_name": FieldValue(canonical: "Anonymous", text: "Anonymous")])
                ])
                try store.close()
            }

            let report = try await harness.runCommand(dryRun: true)

            #expect(report.held.contains { $0.fulcrumId == "f-anon" && $0.reason.contains("not created again before") })
            #expect(try #require(report.operations).allSatisfy { !($0.side == "ghl" && $0.kind == "create" && $0.fulcrumId == "f-anon") })
        }
    }

    @Test func aDryRunOfAStateFileThatDoesNotExistCreatesNone() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            let report = try await harness.runCommand(dryRun: true)
            #expect(report.operations?.isEmpty == false)
            #expect(Self.fingerprint(harness.statePath).values.allSatisfy { $0 == nil }, "a dry run created the state file")
        }
    }

    @Test func aDryRunWritesItsReportOnlyToTheReportDirectory() async throws {
        try await LiveHarness.run { harness in
            await LiveSeeds.pairs(harness, count: 2)
            _ = try await harness.reconcile()
            let runsBefore = try await SQLiteStateStore.openReadOnly(path: harness.statePath).recentRuns(limit: 10).count
            let directory = harness.directory.appendingPathComponent("dry-report")
            _ = try await harness.runCommand(dryRun: true, reportDirectory: directory)
            let saved = try RunReport.decode(Data(contentsOf: directory.appendingPathComponent("report.json")))
            #expect(saved.mode == "dry-run")
            #expect(try await SQLiteStateStore.openReadOnly(path: harness.statePath).recentRuns(limit: 10).count == runsBefore)
        }
    }

    /// `POST /contacts/search` calls so far (the lookup of an interrupted GHL create is one).
    static func searches(_ harness: LiveHarness) -> Int {
        harness.stats().ghl["byRoute"]?["POST /contacts/search"]?.intValue ?? 0
    }
}

extension LiveHarness {
    /// `fgsync reconcile` as the command runs it (config file, tokens from the environment,
    /// the state file opened, or copied for a dry run, by `ReconcileRun`).
    func runCommand(dryRun: Bool, delta: Bool = false, reportDirectory: URL? = nil) async throws -> RunReport {
        let configURL = directory.appendingPathComponent("fgsync.yml")
        try Data(sims.summary.fgsyncConfigYAML().utf8).write(to: configURL)
        var run = ReconcileRun(
            configPath: configURL.path, statePath: statePath,
            options: ReconcileOptions(dryRun: dryRun, reportDirectory: reportDirectory))
        run.options.delta = delta
        run.environment = ["FULCRUM_TOKEN": sims.summary.fulcrum.token, "GHL_TOKEN": sims.summary.ghl.token]
        run.clientOptions = LiveHarness.clientOptions()
        return try await run.run { _ in }
    }
}
