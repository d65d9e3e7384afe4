import SyncCore
import TestSupport
import Testing

/// Property tests of the planner over seeded random worlds (1,000 per run; a failure names its seed).
struct PlannerPropertyTests {
    static let seeds: [UInt64] = (0..<1_000).map { 0x5EED_0000 + UInt64($0) }

    @Test func applyingAPlanLeavesNothingToDoOnTheNextRun() async {
        for seed in Self.seeds {
            let world = WorldGenerator(seed: seed)
            let planner = Planner(settings: world.settings)
            var after = world.perturbed
            after.apply(await planner.plan(after.input()))
            let second = await planner.plan(after.input())
            #expect(second.operations.isEmpty, "seed \(seed): second plan not empty: \(second.operations)")
            #expect(second.conflicts.allSatisfy { $0.winner == nil }, "seed \(seed): a resolved conflict came back")
        }
    }

    @Test func noEditIsLostUnlessItLostAReportedConflict() async {
        for seed in Self.seeds {
            let world = WorldGenerator(seed: seed)
            let planner = Planner(settings: world.settings)
            let input = world.perturbed.input()
            let plan = await planner.plan(input)
            var after = world.perturbed
            after.apply(plan)
            for base in input.bases {
                guard let f = world.perturbed.fulcrum[base.fulcrumId], let g = world.perturbed.ghl[base.contactId],
                    let finalF = after.fulcrum[base.fulcrumId], let finalG = after.ghl[base.contactId]
                else { continue }
                for rule in world.settings.fields where rule.direction == .both {
                    let conflict = plan.conflicts.first { $0.fulcrumId == f.id && $0.field == rule.key }
                    for (side, edited) in [(Side.fulcrum, f), (.ghl, g)] {
                        let edit = edited.fields[rule.key]
                        guard edit?.canonical != base.fields[rule.key]?.canonical else { continue }
                        if let conflict {
                            #expect(conflict.winner != side || finalF.fields[rule.key]?.canonical == edit?.canonical,
                                    "seed \(seed): \(side) won \(rule.key) but its value was not kept")
                        } else {
                            #expect(finalF.fields[rule.key]?.canonical == edit?.canonical
                                    && finalG.fields[rule.key]?.canonical == edit?.canonical,
                                    "seed \(seed): \(side)'s edit of \(rule.key) on \(f.id) was lost without a conflict")
                        }
                    }
                }
            }
        }
    }

    @Test func shufflingTheInputsDoesNotChangeThePlan() async {
        for seed in Self.seeds {
            let world = WorldGenerator(seed: seed)
            let planner = Planner(settings: world.settings)
            let input = world.perturbed.input()
            var random = SeededRandom(seed: seed ^ 0xFFFF)
            let shuffled = PlanInput(
                bases: input.bases.shuffled(using: &random), fulcrum: input.fulcrum.shuffled(using: &random),
                ghl: input.ghl.shuffled(using: &random))
            let (inOrder, reordered) = (await planner.plan(input), await planner.plan(shuffled))
            #expect(inOrder == reordered, "seed \(seed): plan depends on input order")
        }
    }
}
