import Foundation
import SyncCore
import SyncEngine
import SyncStore
import Testing
import TestSupport

/// The golden scenarios again, with their bases read from a real state file (`fgsync plan
/// --state`): storing a base in SQLite and reading it back must not change a single decision.
struct StateFileScenarioTests {
    static var scenariosWithBases: [String] {
        ScenarioLoader.names().filter { name in
            FileManager.default.fileExists(
                atPath: ScenarioLoader.root.appendingPathComponent("\(name)/base.json").path)
                && !FileManager.default.fileExists(
                    atPath: ScenarioLoader.root.appendingPathComponent("\(name)/expected-error.txt").path)
        }
    }

    @Test(arguments: scenariosWithBases)
    func basesReadFromAStateFilePlanTheSameAsTheScenarioSays(_ name: String) async throws {
        let scenario = try ScenarioLoader.load(name)
        let direct = try await ScenarioRunner.job(scenario).run()
        let stored = try scenario.storedBases(mapping: direct.mapping)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fgsync-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        do {
            let store = try SQLiteStateStore(path: path)
            try await store.recordBases(stored.bases)
            if let hash = stored.mappingHash { try await store.setMappingHash(hash) }
        }

        var job = try ScenarioRunner.job(scenario)
        job.baseSource = try StateBaseSource(path: path)
        let fromState = try await job.run()
        #expect(
            try await SQLiteStateStore.openReadOnly(path: path).loadAll().bases.sorted { $0.fulcrumId < $1.fulcrumId }
                == stored.bases.sorted { $0.fulcrumId < $1.fulcrumId })
        if let diff = ScenarioDiff.diff(expected: direct.document, actual: fromState.document, scenario: name)
        {
            Issue.record(Comment(rawValue: "planned from the state file:\n" + diff))
        }
    }

    @Test func aStateFileThatDoesNotExistIsAStateErrorSayingWhatToDo() {
        #expect {
            try StateBaseSource(path: "/nonexistent/fgsync-state.sqlite")
        } throws: { error in
            let error = error as? SyncEngineError
            return error?.code == .state && error?.message.contains("omit --state") == true
        }
    }
}
