import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// Unison's invariant on the golden scenarios: once a plan's writes are applied and its bases
/// recorded, planning again finds nothing to write (only held items and open conflicts remain).
struct ScenarioConvergenceTests {
    static var plannable: [String] {
        ScenarioLoader.names().filter { !((try? ScenarioLoader.load($0))?.expectsError ?? true) }
    }

    @Test(arguments: plannable)
    func applyingTheScenariosPlanLeavesNothingToWrite(_ name: String) async throws {
        let scenario = try ScenarioLoader.load(name)
        let mapping = try ScenarioRunner.mapping(scenario)
        let fulcrum = try SnapshotDecoder.fulcrum(
            Data(contentsOf: scenario.recordsURL), source: "records.json",
            projection: FulcrumProjection(mapping: mapping))
        let ghl = try SnapshotDecoder.ghl(
            Data(contentsOf: scenario.contactsURL), source: "contacts.json",
            projection: GHLProjection(mapping: mapping))
        let stored = try scenario.storedBases(mapping: mapping)
        let planner = Planner(
            settings: PlannerSettings(mapping: mapping, policyOverride: scenario.options.conflictPolicy))
        var world = InMemoryWorld(fulcrum: fulcrum.records, ghl: ghl.records, bases: stored.bases)

        let first = await planner.plan(input(world, stored.mappingHash, scenario))
        if first.refused { return }  // nothing is applied; the rail scenarios check the plan itself
        world.apply(first)
        // The applied plan becomes the new agreement, under the current mapping.
        let second = await planner.plan(input(world, mapping.mappingHash, scenario))
        #expect(second.operations.isEmpty, "\(name): the second run still writes \(second.operations)")
        #expect(second.conflicts.allSatisfy { $0.winner == nil }, "\(name): a settled conflict came back")
        #expect(second.rails.isEmpty, "\(name): \(second.rails)")
        #expect(
            Set(second.conflicts.map(\.field)).isSubset(
                of: Set(first.conflicts.filter { $0.winner == nil }.map(\.field))))
    }

    @Test(arguments: plannable)
    func theScenariosPlanDoesNotDependOnInputOrder(_ name: String) async throws {
        let scenario = try ScenarioLoader.load(name)
        let mapping = try ScenarioRunner.mapping(scenario)
        let fulcrum = try SnapshotDecoder.fulcrum(
            Data(contentsOf: scenario.recordsURL), source: "records.json",
            projection: FulcrumProjection(mapping: mapping)
        ).records
        let ghl = try SnapshotDecoder.ghl(
            Data(contentsOf: scenario.contactsURL), source: "contacts.json",
            projection: GHLProjection(mapping: mapping)
        ).records
        let stored = try scenario.storedBases(mapping: mapping)
        let planner = Planner(
            settings: PlannerSettings(mapping: mapping, policyOverride: scenario.options.conflictPolicy))
        let force = scenario.options.force ?? false
        let forward = await planner.plan(
            PlanInput(
                bases: stored.bases, fulcrum: fulcrum, ghl: ghl, storedMappingHash: stored.mappingHash,
                force: force))
        let backward = await planner.plan(
            PlanInput(
                bases: stored.bases.reversed(), fulcrum: fulcrum.reversed(), ghl: ghl.reversed(),
                storedMappingHash: stored.mappingHash, force: force))
        #expect(forward == backward, "\(name): the plan changed when the inputs were reversed")
    }

    func input(_ world: InMemoryWorld, _ hash: String?, _ scenario: Scenario) async -> PlanInput {
        var input = world.input(storedMappingHash: hash)
        input.force = scenario.options.force ?? false
        return input
    }
}
