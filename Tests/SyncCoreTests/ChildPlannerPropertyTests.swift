import Foundation
import SyncCore
import Testing
import TestSupport

/// Property tests of the child planner over seeded random pairs (1,000 per run): applying a
/// plan leaves nothing to do, and no child edit is lost unless it lost a reported conflict.
struct ChildPlannerPropertyTests {
    static let seeds: [UInt64] = (0..<1_000).map { 0xC41D_0000 + UInt64($0) }
    static let bodies = ["call back", "left a card", "Met on site", "", "quote sent"]
    static let titles = ["Call", "Visit", "Send quote"]

    /// A synced pair of children, then random edits, adds and deletes on both sides.
    static func world(seed: UInt64) -> (ChildWorld, ChildPlanner) {
        var random = SeededRandom(seed: seed)
        let mode = random.pick([DeleteMode.propagate, .propagate, .ignore])
        let policy = random.pick([ConflictPolicy.newest, .fulcrum, .ghl, .manual])
        let planner = ChildPlanner(
            rules: [.init(kind: .note, policy: policy), .init(kind: .task, policy: policy), .init(kind: .appointment, policy: policy)],
            deleteMode: mode)
        func value(_ text: String) -> FieldValue? { text.isEmpty ? nil : FieldValue(canonical: text, text: text) }
        func fields(_ kind: ChildKind) -> [String: FieldValue] {
            var result: [String: FieldValue] = [:]
            switch kind {
            case .note: result["body"] = value(random.pick(bodies))
            case .task:
                result["title"] = value(random.pick(titles))
                result["completed"] = random.chance(0.5) ? value("true") : nil
            case .appointment:
                result["title"] = value(random.pick(titles))
                result["startTime"] = value(random.pick(["2026-12-01T15:00:00Z", "2026-12-02T15:00:00Z"]))
            }
            return result
        }
        var world = ChildWorld(base: [], fulcrum: [], ghl: [])
        for index in 0..<Int(random.next() % 5) {
            let kind = random.pick(ChildKind.allCases)
            let content = fields(kind)
            world.base.append(ChildBase(kind: kind, ghlId: "g\(index)", fulcrumItemId: "i\(index)", fields: content))
            world.fulcrum.append(ChildItem(kind: kind, ghlId: "g\(index)", fulcrumItemId: "i\(index)", fields: content, updatedAt: Date(timeIntervalSince1970: Double(random.next() % 3))))
            world.ghl.append(ChildItem(kind: kind, ghlId: "g\(index)", fields: content, updatedAt: Date(timeIntervalSince1970: Double(random.next() % 3))))
        }
        for index in world.fulcrum.indices.reversed() where random.chance(0.3) {
            if random.chance(0.3) { world.fulcrum.remove(at: index) } else { world.fulcrum[index].fields = fields(world.fulcrum[index].kind) }
        }
        for index in world.ghl.indices.reversed() where random.chance(0.3) {
            if random.chance(0.3) { world.ghl.remove(at: index) } else { world.ghl[index].fields = fields(world.ghl[index].kind) }
        }
        for index in 0..<Int(random.next() % 3) {
            let kind = random.pick(ChildKind.allCases)
            if random.chance(0.5) {
                world.fulcrum.append(ChildItem(kind: kind, ghlId: nil, fulcrumItemId: "new-i\(index)", fields: fields(kind)))
            } else {
                world.ghl.append(ChildItem(kind: kind, ghlId: "new-g\(index)", fields: fields(kind)))
            }
        }
        return (world, planner)
    }

    @Test func applyingAChildPlanLeavesNothingToDoOnTheNextRun() {
        for seed in Self.seeds {
            var (world, planner) = Self.world(seed: seed)
            let first = planner.plan(world.pair())
            world.apply(first.planned)
            let second = planner.plan(world.pair())
            #expect(second.planned == nil, "seed \(seed): second plan not empty: \(second.planned?.operations ?? [])")
            #expect(second.conflicts.allSatisfy { $0.winner == nil }, "seed \(seed): a resolved conflict came back")
        }
    }

    @Test func noChildEditIsLostUnlessItLostAReportedConflict() {
        for seed in Self.seeds {
            let (before, planner) = Self.world(seed: seed)
            let plan = planner.plan(before.pair())
            var after = before
            after.apply(plan.planned)
            for base in before.base where base.kind != .appointment {
                guard let f = before.fulcrum.first(where: { $0.ghlId == base.ghlId }),
                    let g = before.ghl.first(where: { $0.ghlId == base.ghlId })
                else { continue }
                let finalF = after.fulcrum.first { $0.fulcrumItemId == f.fulcrumItemId }
                let finalG = after.ghl.first { $0.ghlId == g.ghlId }
                for (key, _) in f.fields.merging(g.fields, uniquingKeysWith: { a, _ in a }).merging(base.fields, uniquingKeysWith: { a, _ in a }) {
                    let conflict = plan.conflicts.first { $0.field == "\(base.kind.configKey)[\(base.ghlId)].\(key)" }
                    for (side, edit) in [(Side.fulcrum, f.fields[key]), (.ghl, g.fields[key])] where edit?.canonical != base.fields[key]?.canonical {
                        if let conflict, conflict.winner != side { continue }
                        if conflict?.winner == nil && conflict != nil { continue }
                        #expect(finalF?.fields[key]?.canonical == edit?.canonical && finalG?.fields[key]?.canonical == edit?.canonical,
                                "seed \(seed): \(side)'s edit of \(base.kind.word) \(base.ghlId).\(key) was lost without a conflict")
                    }
                }
            }
            let links = after.fulcrum.compactMap(\.ghlId)
            #expect(Set(links).count == links.count, "seed \(seed): two Fulcrum items carry one GHL id: \(links.sorted())")
        }
    }
}
