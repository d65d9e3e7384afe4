import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// The golden reconciliation scenarios of `fixtures/scenarios/`: each folder's snapshots and
/// base are planned through `FilePlanJob` and the plan compared with its `expected.json`.
///
/// `FGSYNC_UPDATE_GOLDEN=1 swift test --filter GoldenScenarioTests` rewrites every golden, and
/// `FGSYNC_UPDATE_GOLDEN=name,name` only the named scenarios; every rewritten file must then be
/// checked by hand against the rules its `scenario.md` names (`git diff`). Scenarios whose golden
/// was written by hand to the rule while the planner disagrees (see BUGS-FOUND.md) are only
/// rewritten when named.
struct GoldenScenarioTests {
    static let update = ProcessInfo.processInfo.environment["FGSYNC_UPDATE_GOLDEN"] ?? ""

    /// Whether `scenario`'s golden is to be rewritten from the planner's output.
    static func updating(_ scenario: Scenario) -> Bool {
        if update == "1" {
            let bugs =
                (try? String(
                    contentsOf: ScenarioLoader.root.appendingPathComponent("../../BUGS-FOUND.md"),
                    encoding: .utf8)) ?? ""
            return !bugs.contains("fixtures/scenarios/\(scenario.name)`")
        }
        return update.split(separator: ",").contains { $0 == scenario.name }
    }

    @Test(arguments: ScenarioLoader.names())
    func scenarioPlansWhatItsGoldenFileSays(_ name: String) async throws {
        let scenario = try ScenarioLoader.load(name)
        #expect(
            FileManager.default.fileExists(
                atPath: scenario.directory.appendingPathComponent("scenario.md").path),
            "\(name): scenario.md is missing; say what the scenario checks and which rule")
        let job = try ScenarioRunner.job(scenario)
        if scenario.expectsError {
            var message: String?
            do {
                _ = try await job.run()
            } catch {
                message = "\(error)"
            }
            #expect(
                message == (try scenario.expectedError()),
                "\(name): planning must fail with expected-error.txt's message")
            return
        }
        let result = try await job.run()
        if Self.updating(scenario) {
            try (result.document.json() + Data("\n".utf8)).write(to: scenario.expectedURL)
            return
        }
        let expected = try scenario.expected()
        if let diff = ScenarioDiff.diff(expected: expected, actual: result.document, scenario: name) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    @Test func thereAreAtLeastTwentyFiveScenarios() {
        #expect(ScenarioLoader.names().count >= 25)
    }

    @Test func everyScenarioSaysWhichRuleItChecksAndWhatItExpects() async throws {
        for name in ScenarioLoader.names() {
            let url = ScenarioLoader.root.appendingPathComponent("\(name)/scenario.md")
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            #expect(
                ["DESIGN.md", "README", "contract"].contains { text.contains($0) },
                "\(name): scenario.md names no rule (DESIGN.md, README or a documented contract)")
            #expect(text.contains("Expected"), "\(name): scenario.md does not say what is expected")
        }
    }

    @Test func everyScenarioHasAGoldenFile() {
        for name in ScenarioLoader.names() {
            let directory = ScenarioLoader.root.appendingPathComponent(name)
            let golden = ["expected.json", "expected-error.txt"].contains {
                FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
            }
            #expect(golden, "\(name): needs expected.json or expected-error.txt")
        }
    }
}
