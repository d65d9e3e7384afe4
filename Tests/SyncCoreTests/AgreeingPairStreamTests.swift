import Foundation
import Testing
import TestSupport
@testable import SyncCore

/// A source may hand a pair whose records agree with its base over undecoded (`.agreeing`, with
/// only the base's values of the match keys the plan asks for): the plan is the same as when
/// every pair comes decoded.
@Suite struct AgreeingPairStreamTests {
    static let seeds: [UInt64] = (0..<500).map { 0xA9EE_0000 + UInt64($0) }

    /// `MemoryPlanSource`, streaming each pair whose records agree with its base as `.agreeing`
    /// and noting the keys the planner asked for.
    struct UndecodedSource: PlanSource {
        let inner: MemoryPlanSource
        let asked = AskedKeys()

        func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void) async throws {
            try await inner.forEachLinkedPair(body)
        }

        func forEachLinkedPair(keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void) async throws {
            asked.keys.append(keys)
            try await inner.forEachLinkedPair { batch in
                try await body(batch.map { base, fulcrum, ghl in
                    guard let fulcrum, let ghl, Planner.agree(base: base, fulcrum: fulcrum, ghl: ghl) else {
                        return .decoded(base, fulcrum, ghl)
                    }
                    return .agreeing(AgreeingPair(
                        fulcrumId: base.fulcrumId, contactId: base.contactId, fields: base.fields.filter { keys.contains($0.key) }))
                })
            }
        }

        func unlinkedRecords(_ side: Side) async throws -> [RecordState] { try await inner.unlinkedRecords(side) }
        func isLinked(fulcrumId: String) async throws -> Bool { try await inner.isLinked(fulcrumId: fulcrumId) }
        func isLinked(contactId: String) async throws -> Bool { try await inner.isLinked(contactId: contactId) }
        func recordCount(_ side: Side) async throws -> Int { try await inner.recordCount(side) }
        func storedMappingHash() async throws -> String? { try await inner.storedMappingHash() }
    }

    // @unchecked Sendable: appended to by the one plan of one test, read after it.
    final class AskedKeys: @unchecked Sendable {
        var keys: [Set<String>] = []
    }

    @Test func aPlanOfPairsHandedOverUndecodedEqualsThePlanOfDecodedPairs() async throws {
        var undecoded = 0
        for seed in Self.seeds {
            let world = WorldGenerator(seed: seed)
            let planner = Planner(settings: world.settings)
            let input = world.perturbed.input()
            let source = UndecodedSource(inner: MemoryPlanSource(input))
            let plan = try await planner.plan(from: source, force: input.force)
            let decoded = await planner.plan(input)
            #expect(plan == decoded, "seed \(seed)")
            undecoded += input.bases.count { base in
                guard let f = input.fulcrum.first(where: { $0.id == base.fulcrumId }),
                    let g = input.ghl.first(where: { $0.id == base.contactId })
                else { return false }
                return Planner.agree(base: base, fulcrum: f, ghl: g)
            }
        }
        #expect(undecoded > 100, "too few agreeing pairs to compare: \(undecoded)")
    }

    @Test(arguments: [(true, Set(["email", "phone"])), (false, Set<String>())])
    func thePlanAsksForTheMatchKeysOnlyWhenAnUnlinkedRecordMayMatch(_ unlinked: Bool, _ keys: Set<String>) async throws {
        let settings = PlannerSettings(
            fields: [.init(key: "email"), .init(key: "phone"), .init(key: "name")], matchKeys: .init(email: "email", phone: "phone"))
        let email = FieldValue(canonical: "ada@example.com", text: "ada@example.com")
        let base = PairBase(fulcrumId: "f1", contactId: "c1", fields: ["email": email])
        var input = PlanInput(
            bases: [base], fulcrum: [RecordState(id: "f1", fields: ["email": email], linkId: "c1")],
            ghl: [RecordState(id: "c1", fields: ["email": email], linkId: "f1")])
        if unlinked { input.ghl.append(RecordState(id: "c2", fields: ["email": email])) }
        let source = UndecodedSource(inner: MemoryPlanSource(input))
        let plan = try await Planner(settings: settings).plan(from: source, force: false)
        #expect(source.asked.keys == [keys])
        // A new contact with a linked pair's email is held, not created beside it.
        #expect(plan.held.count == (unlinked ? 1 : 0), "\(plan.held)")
    }
}
