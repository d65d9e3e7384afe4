import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

/// Both simulators keep each listed row's JSON and the listing order between requests; a write
/// must show on the very next page all the same.
struct ListingCacheTests {
    static let search: JSONValue = ["locationId": .string(Fixture.locationId), "pageLimit": 10]

    static func firstNames(_ reply: Reply) -> [String] {
        (reply.json["contacts"]?.arrayValue ?? []).compactMap { $0["firstName"]?.stringValue }
    }

    @Test func aContactUpdatedAfterASearchShowsItsNewValuesOnTheNextSearchPage() async throws {
        let sim = await Fixture.ghl(seed: [["firstName": "Ann"], ["firstName": "Bob"]])
        try await sim.application().test(.router) { client in
            let before = try await client.ghl(.post, "/contacts/search", Self.search)
            let id = try #require(before.json["contacts"]?.arrayValue?.first { $0["firstName"] == "Ann" }?["id"]?.stringValue)
            #expect(try await client.ghl(.put, "/contacts/\(id)", ["firstName": "Anna"]).status == 200)
            let after = try await client.ghl(.post, "/contacts/search", Self.search)
            #expect(Self.firstNames(after).sorted() == ["Anna", "Bob"])
        }
    }

    @Test func aContactCreatedAfterASearchIsCountedAndListedByTheNextSearch() async throws {
        let sim = await Fixture.ghl(seed: [["firstName": "Ann"]])
        try await sim.application().test(.router) { client in
            #expect(try await client.ghl(.post, "/contacts/search", Self.search).json["total"] == 1)
            #expect(try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "Cy"])).status == 201)
            let after = try await client.ghl(.post, "/contacts/search", Self.search)
            #expect(after.json["total"] == 2)
            #expect(Self.firstNames(after).sorted() == ["Ann", "Cy"])
        }
    }

    @Test func aContactDeletedAfterASearchIsGoneFromTheNextSearch() async throws {
        let sim = await Fixture.ghl(seed: [["firstName": "Ann"], ["firstName": "Bob"]])
        try await sim.application().test(.router) { client in
            let before = try await client.ghl(.post, "/contacts/search", Self.search)
            let id = try #require(before.json["contacts"]?.arrayValue?.first { $0["firstName"] == "Bob" }?["id"]?.stringValue)
            #expect(try await client.ghl(.delete, "/contacts/\(id)").status == 200)
            let after = try await client.ghl(.post, "/contacts/search", Self.search)
            #expect(after.json["total"] == 1)
            #expect(Self.firstNames(after) == ["Ann"])
        }
    }

    @Test func aRecordUpdatedAfterAListingShowsItsNewValuesOnTheNextListPage() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let created = try await client.fulcrum(.post, "/api/v2/records.json", Body.record(["1a01": "Ann"]))
            let id = try #require(created.json["record"]?["id"]?.stringValue)
            let path = "/api/v2/records.json?form_id=\(Fixture.formId)"
            #expect(try await client.fulcrum(.get, path).json["records"]?.arrayValue?.first?["form_values"]?["1a01"] == "Ann")
            #expect(try await client.fulcrum(.put, "/api/v2/records/\(id).json", Body.record(["1a01": "Anna"])).status == 200)
            let after = try await client.fulcrum(.get, path)
            #expect(after.json["records"]?.arrayValue?.first?["form_values"]?["1a01"] == "Anna")
            #expect(after.json["records"]?.arrayValue?.first?["version"] == 2)
        }
    }

    @Test func aRecordCreatedAfterAListingIsOnTheNextListPage() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let path = "/api/v2/records.json?form_id=\(Fixture.formId)"
            #expect(try await client.fulcrum(.post, "/api/v2/records.json", Body.record(["1a01": "Ann"])).status == 200)
            #expect(try await client.fulcrum(.get, path).json["total_count"] == 1)
            #expect(try await client.fulcrum(.post, "/api/v2/records.json", Body.record(["1a01": "Cy"])).status == 200)
            let after = try await client.fulcrum(.get, path)
            #expect(after.json["total_count"] == 2)
            #expect(after.json["records"]?.arrayValue?.count == 2)
        }
    }
}
