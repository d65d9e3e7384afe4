import Foundation
import SyncCore
import Testing

/// The GHL half of "our own writes must not echo back": a value the planner writes to GHL reads
/// back (as GHL returns the body's values) as the same canonical value.
struct GHLRoundTripTests {
    static let written: [(String, String)] = [
        ("first_name", "Ada"), ("email", "Ada@Example.com"), ("phone", "(415) 555-0101"),
        ("company_name", "Analytical Engines"), ("birth_date", "09/25/1990"), ("address.locality", "London"),
        ("address.postal_code", "N1 9GU"), ("subscribed", "Yes"), ("employees", "12.0"), ("region", "West"),
        ("lead_source", "Trade show"),
    ]

    @Test(arguments: written)
    func aValueWrittenToGHLReadsBackAsTheSameCanonicalValue(_ key: String, _ text: String) throws {
        let mapping = try SharedMapping.resolved()
        let field = try #require(mapping.fields.first { $0.key == key })
        guard case .value(let value) = mapping.normalise(text, for: field) else {
            Issue.record("\(text) is not a value")
            return
        }
        let body = try GHLWriteEncoder(mapping: mapping).updateBody(fields: [key: value], linkTo: "f-1")
        var contact = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        contact["id"] = "G1"
        let state = try GHLProjection(mapping: mapping).project(contact)
        #expect(state.fields[key]?.canonical == value.canonical)
        #expect(state.linkId == "f-1")
    }

    @Test func aClearedCustomFieldReadsBackAsAbsent() throws {
        let mapping = try SharedMapping.resolved()
        let body = try GHLWriteEncoder(mapping: mapping).updateBody(fields: [
            "region": FieldValue?.none, "company_name": FieldValue?.none,
        ])
        var contact = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        contact["id"] = "G1"
        let state = try GHLProjection(mapping: mapping).project(contact)
        #expect(state.fields["region"] == nil)
        #expect(state.fields["company_name"] == nil)
    }
}
