import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

/// Inputs meant to crash a naive server: huge numbers, wrong JSON types, odd paths.
struct HostileInputTests {
    static let ghlCases: [(String, HTTPRequest.Method, String, String?, Int)] = [
        (
            "page near Int.max", .post, "/contacts/search",
            #"{"locationId":"sIMloc8FgsYnC0ntacts","pageLimit":10,"page":9223372036854775807}"#, 400
        ),
        (
            "searchAfter 1e300", .post, "/contacts/search",
            #"{"locationId":"sIMloc8FgsYnC0ntacts","pageLimit":10,"searchAfter":[1e300,"x"]}"#, 200
        ),
        (
            "range with 1e300", .post, "/contacts/search",
            #"{"locationId":"sIMloc8FgsYnC0ntacts","pageLimit":10,"filters":[{"field":"dateAdded","operator":"range","value":{"gte":1e300}}]}"#,
            200
        ),
        ("body is an array", .post, "/contacts/", "[1,2,3]", 422),
        ("body is a string", .put, "/contacts/abc", #""hello""#, 400),
        (
            "filters not an array", .post, "/contacts/search",
            #"{"locationId":"sIMloc8FgsYnC0ntacts","pageLimit":10,"filters":{"a":1}}"#, 200
        ),
        ("startAfter garbage", .get, "/contacts/?locationId=sIMloc8FgsYnC0ntacts&startAfter=abc", nil, 200),
        (
            "deep nesting", .post, "/contacts/",
            "{\"locationId\":\"sIMloc8FgsYnC0ntacts\",\"dndSettings\":" + String(repeating: "[", count: 200)
                + String(repeating: "]", count: 200) + "}", 422
        ),
        ("encoded slash in id", .get, "/contacts/a%2Fb", nil, 400),
    ]

    @Test(arguments: ghlCases)
    func ghlAnswersHostileInputWithoutCrashing(
        name: String, method: HTTPRequest.Method, uri: String, body: String?, status: Int
    ) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(method, uri, raw: body)
            #expect(reply.status == status, "\(name): \(reply.text)")
            #expect(await sim.store.allContacts().isEmpty, "\(name)")
        }
    }

    static let fulcrumCases: [(String, HTTPRequest.Method, String, String?, Int)] = [
        ("page near Int.max", .get, "/api/v2/records.json?page=9223372036854775807&per_page=20000", nil, 200),
        ("updated_since 1e300", .get, "/api/v2/records.json?updated_since=1e300", nil, 400),
        ("updated_since garbage", .get, "/api/v2/records.json?updated_since=yesterday", nil, 400),
        ("sequence garbage", .get, "/api/v2/records/history.json?sequence=abc", nil, 400),
        ("record is an array", .post, "/api/v2/records.json", #"{"record":[1]}"#, 422),
        ("body is null", .post, "/api/v2/records.json", "null", 422),
        (
            "form_values an array", .post, "/api/v2/records.json",
            #"{"record":{"form_id":"3f6c2a4e-5b1d-4c8e-9a7f-0d2e1b3c4a5f","form_values":[]}}"#, 422
        ),
        (
            "PATCH geometry without type", .patch, "/api/v2/records/nope.json",
            #"{"record":{"geometry":{"coordinates":[1,2]}}}"#, 404
        ),
        ("per_page zero", .get, "/api/v2/records.json?per_page=0", nil, 200),
    ]

    @Test(arguments: fulcrumCases)
    func fulcrumAnswersHostileInputWithoutCrashing(
        name: String, method: HTTPRequest.Method, uri: String, body: String?, status: Int
    ) async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(method, uri, raw: body)
            #expect(reply.status == status, "\(name): \(reply.text)")
            #expect(await sim.store.allRecords().isEmpty, "\(name)")
        }
    }
}
