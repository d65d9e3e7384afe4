import SyncCore
import Testing
import TestSupport

/// DESIGN.md Identity: "Losing the state file therefore loses no links: the next reconcile
/// rebuilds them from the snapshots." Checked over the property tests' random synced worlds.
struct StateFileLossTests {
    static let seeds: [UInt64] = (0..<500).map { 0x1055_0000 + UInt64($0) }

    @Test func aSyncedWorldPlannedWithoutItsStateFileWritesNothingAndRebuildsEveryBase() async {
        for seed in Self.seeds {
            let world = WorldGenerator(seed: seed)
            let planner = Planner(settings: world.settings)
            var input = world.start.input()
            let bases = input.bases
            input.bases = []
            let plan = await planner.plan(input)
            #expect(
                plan.operations.isEmpty,
                "seed \(seed): writes after losing the state file: \(plan.operations)")
            #expect(plan.conflicts.isEmpty, "seed \(seed): \(plan.conflicts)")
            #expect(plan.held.isEmpty, "seed \(seed): \(plan.held)")
            let rebuilt = plan.pairs.compactMap(\.newBase)
            let missing = bases.filter { !rebuilt.contains($0) }.map { "\($0.fulcrumId)/\($0.contactId)" }
            #expect(missing.isEmpty, "seed \(seed): bases not rebuilt for \(missing)")
            #expect(
                rebuilt.count == bases.count,
                "seed \(seed): \(rebuilt.count) bases rebuilt for \(bases.count) pairs")
        }
    }

    @Test func aFirstMatchOfRecordsWithoutMappedValuesStillRecordsThePair() async {
        let planner = Planner(settings: PlannerSettings(fields: [.init(key: "email")]))
        let outcome = planner.planMatch(
            fulcrum: RecordState(id: "f-1", linkId: "G1"), ghl: RecordState(id: "G1", linkId: "f-1"))
        #expect(outcome.pair?.operations == [])
        #expect(
            outcome.pair?.newBase == PairBase(fulcrumId: "f-1", contactId: "G1"),
            "the link is not rebuilt in the state file")
    }
}
