import Foundation
import SyncCore
import Testing
@testable import SyncStore

struct ProjectionCodecTests {
    @Test func aFullyPopulatedProjectionRoundTrips() async throws {
        let state = RecordState(
            id: "4e1c33ad", fields: ["email": FieldValue(canonical: "ada@x.com", text: "Ada@X.com"), "name": Fixtures.value("Zoë 😀")],
            tags: TagSet(["VIP", " lead "]), linkId: "c1", updatedAt: Date(timeIntervalSinceReferenceDate: 812_345_678.123_456_7),
            issues: [FieldIssue(field: "phone", value: "12", reason: "not a phone number")])
        #expect(try ProjectionCodec.decode(Data(ProjectionCodec.encode(state))) == state)
        #expect(try ProjectionCodec.decode(Data(ProjectionCodec.encode(RecordState(id: "x")))) == RecordState(id: "x"))
    }

    @Test func aMisfitStaysAMisfitAndAnOrdinaryIssueStaysOrdinary() throws {
        let state = RecordState(id: "r1", issues: [
            FieldIssue(field: "level", value: "Platinum", reason: "not an option", misfit: true),
            FieldIssue(field: "email", value: "a@@b", reason: "not a valid email address"),
        ])
        let decoded = try ProjectionCodec.decode(Data(ProjectionCodec.encode(state)))
        #expect(decoded.issues.map(\.misfit) == [true, false])
        #expect(decoded.issues.map(\.reason) == ["not an option", "not a valid email address"])
    }

    @Test func truncatedDataIsRejectedNotTrusted() async throws {
        let bytes = ProjectionCodec.encode(Fixtures.record("r1", email: "a@x.com"))
        for length in 0..<bytes.count {
            #expect(throws: CodecError.self) { try ProjectionCodec.decode(Data(bytes.prefix(length))) }
        }
    }

    /// The codec writes each stored property by hand: a new one must be added to it.
    @Test func theCodecCoversEveryStoredPropertyOfTheModel() {
        #expect(Mirror(reflecting: RecordState(id: "x")).children.count == 6, "update ProjectionCodec for RecordState")
        #expect(Mirror(reflecting: FieldValue(canonical: "", text: "")).children.count == 2, "update ProjectionCodec")
        #expect(Mirror(reflecting: FieldIssue(field: "", value: "", reason: "")).children.count == 4, "update ProjectionCodec")
        #expect(Mirror(reflecting: PairBase(fulcrumId: "", contactId: "")).children.count == 5, "update the base columns")
        #expect(Mirror(reflecting: TagSet()).children.count == 1, "update ProjectionCodec for TagSet")
    }
}
