import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// Streaming pairs decodes only the sides that differ from their base (`AgreementDigest`).
@Suite(.dropsPostgresSchemas) struct AgreementStreamingTests {
    static let base = PairBase(
        fulcrumId: "f1", contactId: "c1", fields: ["name": FieldValue(canonical: "ada", text: "Ada")], tags: TagSet(["vip"]))

    static func side(_ id: String, link: String, name: String, tags: [String] = ["VIP"], issues: [FieldIssue] = []) -> MirrorRecord {
        MirrorRecord(projection: RecordState(
            id: id, fields: ["name": FieldValue(canonical: name.lowercased(), text: name)], tags: TagSet(tags), linkId: link,
            updatedAt: Fixtures.epoch, issues: issues), raw: #"{"id":"\#(id)"}"#)
    }

    static func streamed(_ backend: StoreBackend, fulcrum: MirrorRecord?, ghl: MirrorRecord?) async throws -> (RecordState?, RecordState?) {
        let directory = try TemporaryDirectory()
        let store = try await backend.store(in: directory)
        try await store.recordBase(base)
        if let fulcrum { try await store.upsert(.fulcrum, [fulcrum]) }
        if let ghl { try await store.upsert(.ghl, [ghl]) }
        var pair: (RecordState?, RecordState?) = (nil, nil)
        try await store.forEachLinkedPair { batch in pair = (batch[0].1, batch[0].2) }
        return pair
    }

    @Test(arguments: StoreBackend.available)

    func aSideAgreeingWithItsBaseInEveryCanonicalValueIsHandedTheBasesFields(backend: StoreBackend) async throws {
        // "ADA" and tag "VIP" agree with the base's "Ada" and "vip": same canonical value, same tag key.
        let (fulcrum, _) = try await Self.streamed(
            backend,
            fulcrum: Self.side("f1", link: "c1", name: "ADA"), ghl: Self.side("c1", link: "f1", name: "Grace"))
        #expect(fulcrum?.fields == Self.base.fields)
        // Tags keep the side's own spelling: a tag removal names it.
        #expect(fulcrum?.tags.sortedSpellings == ["VIP"])
        #expect(fulcrum?.id == "f1" && fulcrum?.linkId == "c1" && fulcrum?.updatedAt == Fixtures.epoch)
    }

    @Test(arguments: StoreBackend.available)

    func aSideThatDiffersFromItsBaseIsStreamedAsStored(backend: StoreBackend) async throws {
        let (_, ghl) = try await Self.streamed(
            backend,
            fulcrum: Self.side("f1", link: "c1", name: "Ada"), ghl: Self.side("c1", link: "f1", name: "Grace"))
        #expect(ghl?.fields["name"] == FieldValue(canonical: "grace", text: "Grace"))
    }

    @Test(arguments: StoreBackend.available, ["a link to another record", "an issue", "a missing partner"])
    func aSideIsStreamedAsStoredWhenItHas(backend: StoreBackend, _ difference: String) async throws {
        // The same values as the base, spelled differently, so a hand-over would show.
        let issues = difference == "an issue" ? [FieldIssue(field: "email", value: "ada@", reason: "not an email")] : []
        let link = difference == "a link to another record" ? "c9" : "c1"
        let ghl = difference == "a missing partner" ? nil : Self.side("c1", link: "f1", name: "Ada")
        let (fulcrum, _) = try await Self.streamed(backend, fulcrum: Self.side("f1", link: link, name: "ADA", issues: issues), ghl: ghl)
        #expect(fulcrum?.fields["name"]?.text == "ADA")
    }
}
