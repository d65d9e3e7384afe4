import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// The planner's pair stream leaves a pair undecoded when both its sides carry the digests its
/// base records for them.
@Suite(.dropsPostgresSchemas) struct AgreeingPairStoreTests {
    static let base = PairBase(
        fulcrumId: "f1", contactId: "c1",
        fields: ["name": FieldValue(canonical: "ada", text: "Ada"), "email": FieldValue(canonical: "ada@x.io", text: "Ada@x.io")],
        tags: TagSet(["vip"]))

    static func side(_ id: String, link: String, name: String = "ADA") -> MirrorRecord {
        MirrorRecord(projection: RecordState(
            id: id, fields: ["name": FieldValue(canonical: name.lowercased(), text: name), "email": FieldValue(canonical: "ada@x.io", text: "ada@x.io")],
            tags: TagSet(["VIP"]), linkId: link, updatedAt: Fixtures.epoch), raw: #"{"id":"\#(id)"}"#)
    }

    static func streamed(
        _ backend: StoreBackend, _ base: PairBase = base, fulcrum: MirrorRecord?, ghl: MirrorRecord?, keeping keys: Set<String> = []
    ) async throws -> (lean: [LinkedPair], decoded: [(PairBase, RecordState?, RecordState?)]) {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(base)
        if let fulcrum { try await store.upsert(.fulcrum, [fulcrum]) }
        if let ghl { try await store.upsert(.ghl, [ghl]) }
        var lean: [LinkedPair] = []
        try await store.forEachLinkedPair(keeping: keys) { lean += $0 }
        var decoded: [(PairBase, RecordState?, RecordState?)] = []
        try await store.forEachLinkedPair { decoded += $0 }
        return (lean, decoded)
    }

    @Test(arguments: StoreBackend.available)

    func aPairWhoseSidesBothAgreeWithItsBaseIsStreamedAsItsIdsAlone(backend: StoreBackend) async throws {
        let (lean, _) = try await Self.streamed(backend, fulcrum: Self.side("f1", link: "c1"), ghl: Self.side("c1", link: "f1"))
        #expect(lean == [.agreeing(AgreeingPair(fulcrumId: "f1", contactId: "c1"))])
    }

    @Test(arguments: StoreBackend.available)

    func anAgreeingPairCarriesOnlyTheBasesValuesOfTheKeysAskedFor(backend: StoreBackend) async throws {
        let (lean, _) = try await Self.streamed(
            backend,
            fulcrum: Self.side("f1", link: "c1"), ghl: Self.side("c1", link: "f1"), keeping: ["email", "phone"])
        #expect(lean == [.agreeing(AgreeingPair(fulcrumId: "f1", contactId: "c1", fields: ["email": Self.base.fields["email"]!]))])
    }

    @Test(arguments: StoreBackend.available, ["a side that differs", "a missing partner", "a tombstone"])
    func aPairIsStreamedDecodedAsBeforeWhenItHas(backend: StoreBackend, _ difference: String) async throws {
        var base = Self.base
        if difference == "a tombstone" { base.deletedSide = .ghl }
        let ghl = difference == "a missing partner" ? nil : Self.side("c1", link: "f1", name: difference == "a side that differs" ? "Grace" : "Ada")
        let (lean, decoded) = try await Self.streamed(backend, base, fulcrum: Self.side("f1", link: "c1"), ghl: ghl)
        let pair = try #require(decoded.first)
        #expect(lean == [.decoded(pair.0, pair.1, pair.2)])
    }
}
