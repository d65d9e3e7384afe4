import SyncCore
import TestSupport
import Testing

/// Property tests of the planner over seeded random worlds (1,000 per run; a failure names its seed).
struct PlannerPropertyTests {
    static let seeds: [UInt64] = (0..<1_000).map { 0x5EED_0000 + UInt64($0) }

    /// Every seeded world with its plan and the world after applying the plan.
    static func applied(skippingRefused: Bool) async -> [(UInt64, WorldGenerator, Plan, InMemoryWorld)] {
        var result: [(UInt64, WorldGenerator, Plan, InMemoryWorld)] = []
        for seed in seeds {
            let world = WorldGenerator(seed: seed)
            let plan = await Planner(settings: world.settings).plan(world.perturbed.input())
            if skippingRefused && plan.refused { continue }
            var after = world.perturbed
            after.apply(plan)
            result.append((seed, world, plan, after))
        }
        return result
    }

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

    @Test func aManualConflictLeavesBothSidesUntouched() async {
        var checked = 0
        for (seed, world, plan, after) in await Self.applied(skippingRefused: false) {
            for conflict in plan.conflicts where conflict.winner == nil {
                checked += 1
                for (side, before, final) in [
                    (Side.fulcrum, world.perturbed.fulcrum[conflict.fulcrumId], after.fulcrum[conflict.fulcrumId]),
                    (.ghl, world.perturbed.ghl[conflict.contactId], after.ghl[conflict.contactId]),
                ] {
                    #expect(final?.fields[conflict.field]?.text == before?.fields[conflict.field]?.text,
                            "seed \(seed): the manual conflict on \(conflict.field) of \(conflict.fulcrumId) changed \(side)")
                }
            }
        }
        #expect(checked > 20, "only \(checked) manual conflicts in \(Self.seeds.count) worlds")
    }

    @Test func theLosingSideOfAConflictEndsWithTheWinnersValue() async {
        var checked = 0
        for (seed, _, plan, after) in await Self.applied(skippingRefused: true) {
            for conflict in plan.conflicts {
                guard let winner = conflict.winner else { continue }
                checked += 1
                let value = winner == .fulcrum ? conflict.fulcrum : conflict.ghl
                let final = (after.fulcrum[conflict.fulcrumId]?.fields[conflict.field], after.ghl[conflict.contactId]?.fields[conflict.field])
                #expect(final.0?.canonical == value?.canonical && final.1?.canonical == value?.canonical,
                        "seed \(seed): \(winner) won \(conflict.field) of \(conflict.fulcrumId) (\(conflict.rule)) with \(value?.text ?? "nothing"), but the sides hold \(final.0?.text ?? "nothing") and \(final.1?.text ?? "nothing")")
            }
        }
        #expect(checked > 50, "only \(checked) resolved conflicts in \(Self.seeds.count) worlds")
    }

    @Test func anEditToThePartnerOfADeletedRecordIsNeverLost() async {
        var checked = 0
        for (seed, world, _, after) in await Self.applied(skippingRefused: true) {
            for base in world.perturbed.bases.values {
                let fulcrum = world.perturbed.fulcrum[base.fulcrumId]
                let ghl = world.perturbed.ghl[base.contactId]
                guard (fulcrum == nil) != (ghl == nil), let survivor = fulcrum ?? ghl else { continue }
                let side: Side = fulcrum != nil ? .fulcrum : .ghl
                let final = side == .fulcrum ? after.fulcrum[survivor.id] : after.ghl[survivor.id]
                for rule in world.settings.fields where rule.direction == .both {
                    let edit = survivor.fields[rule.key]
                    guard edit?.canonical != base.fields[rule.key]?.canonical else { continue }
                    checked += 1
                    #expect(final != nil && final?.fields[rule.key]?.canonical == edit?.canonical,
                            "seed \(seed): \(side) \(survivor.id)'s edit of \(rule.key) was lost when its partner was deleted")
                    guard world.settings.deleteMode == .propagate else { continue }
                    let partners = (side == .fulcrum ? after.ghl : after.fulcrum).values.filter { $0.linkId == survivor.id }
                    #expect(partners.count == 1 && partners.first?.fields[rule.key]?.canonical == edit?.canonical,
                            "seed \(seed): \(side) \(survivor.id) changed, but its deleted partner was not re-created with \(rule.key)")
                }
            }
        }
        #expect(checked > 20, "only \(checked) edits beside a deleted partner in \(Self.seeds.count) worlds")
    }

    @Test func anUnchangedPartnerOfADeletedRecordIsDeletedArchivedOrKeptAsTheDeleteModeSays() async {
        var checked = 0
        for (seed, world, _, after) in await Self.applied(skippingRefused: true) {
            let settings = world.settings
            for base in world.perturbed.bases.values {
                let fulcrum = world.perturbed.fulcrum[base.fulcrumId]
                let ghl = world.perturbed.ghl[base.contactId]
                guard (fulcrum == nil) != (ghl == nil), let survivor = fulcrum ?? ghl,
                    survivor.tags.keys == base.tags.keys,
                    settings.fields.allSatisfy({ survivor.fields[$0.key]?.canonical == base.fields[$0.key]?.canonical })
                else { continue }
                checked += 1
                let final = fulcrum != nil ? after.fulcrum[survivor.id] : after.ghl[survivor.id]
                switch settings.deleteMode {
                case .propagate:
                    #expect(final == nil, "seed \(seed): \(survivor.id) was unchanged, yet survived its partner's delete")
                case .archive:
                    #expect(final?.fields == survivor.fields && final?.tags.contains(settings.archiveTag) == true,
                            "seed \(seed): \(survivor.id) was not archived")
                case .ignore:
                    #expect(final?.fields == survivor.fields && final?.tags == survivor.tags, "seed \(seed): \(survivor.id) was not left alone")
                }
            }
        }
        #expect(checked > 20, "only \(checked) unchanged partners of deleted records in \(Self.seeds.count) worlds")
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
