import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct GHLSearchTests {
    /// Seeds `count` contacts with distinct names, emails and creation times.
    static func people(_ count: Int) -> [JSONValue] {
        (0..<count).map { index in
            [
                "firstName": .string("Person\(index)"), "lastName": index % 2 == 0 ? "Even" : "Odd",
                "email": .string("p\(index)@x.com"),
                "phone": .string("555000\(String(format: "%04d", index))"),
                "tags": index % 3 == 0 ? ["three"] : [], "companyName": index < 5 ? "Acme" : "Other",
                "dateAdded": .string(
                    "2026-01-01T00:00:\(String(format: "%02d", index % 60)).\(String(format: "%03d", index))Z"
                ),
                "dateUpdated": .string("2026-02-\(String(format: "%02d", 1 + index % 28))T00:00:00.000Z"),
            ]
        }
    }

    @Test func legacyListFollowsNextPageUrlThroughEveryContactOnce() async throws {
        let sim = await Fixture.ghl(seed: Self.people(45))
        try await sim.application().test(.router) { client in
            var uri: String? = "/contacts/?locationId=\(Fixture.locationId)&limit=20"
            var seen: [String] = []
            var pages = 0
            while let next = uri {
                let reply = try await client.ghl(.get, next)
                #expect(reply.status == 200)
                pages += 1
                seen += reply.json["contacts"]!.arrayValue!.map { $0["id"]!.stringValue! }
                #expect(reply.json["meta"]?["total"] == 45)
                uri = reply.json["meta"]?["nextPageUrl"]?.stringValue.map { url in
                    String(url[url.range(of: "/contacts/")!.lowerBound...])
                }
            }
            #expect(pages == 3)
            #expect(seen.count == 45)
            #expect(Set(seen).count == 45)
        }
    }

    @Test func legacyListRejectsLimitOver100() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, "/contacts/?locationId=\(Fixture.locationId)&limit=101")
            #expect(reply.status == 422)
        }
    }

    @Test func searchAfterCursorsVisitEveryContactExactlyOnce() async throws {
        let sim = await Fixture.ghl(seed: Self.people(23))
        try await sim.application().test(.router) { client in
            var cursor: JSONValue?
            var seen: [String] = []
            while true {
                var body: [String: JSONValue] = ["locationId": .string(Fixture.locationId), "pageLimit": 5]
                if let cursor { body["searchAfter"] = cursor }
                let reply = try await client.ghl(.post, "/contacts/search", .object(body))
                #expect(reply.status == 200)
                #expect(reply.json["total"] == 23)
                let rows = reply.json["contacts"]!.arrayValue!
                if rows.isEmpty { break }
                seen += rows.map { $0["id"]!.stringValue! }
                cursor = rows.last!["searchAfter"]
                #expect(rows.last!["dndSettings"] == nil)
            }
            #expect(seen.count == 23)
            #expect(Set(seen).count == 23)
        }
    }

    static let filterCases: [(String, JSONValue, Int)] = [
        ("eq on email is case-insensitive", [["field": "email", "operator": "eq", "value": "P1@X.COM"]], 1),
        ("eq on phone normalises", [["field": "phone", "operator": "eq", "value": "(555) 000-0002"]], 1),
        ("not_eq", [["field": "lastNameLowerCase", "operator": "not_eq", "value": "even"]], 10),
        ("contains", [["field": "firstNameLowerCase", "operator": "contains", "value": "person1"]], 11),
        ("not_contains", [["field": "companyName", "operator": "not_contains", "value": "acm"]], 15),
        ("tags eq", [["field": "tags", "operator": "eq", "value": "three"]], 7),
        ("exists", [["field": "tags", "operator": "exists"]], 7),
        ("not_exists", [["field": "tags", "operator": "not_exists"]], 13),
        (
            "range gte/lte on dateUpdated",
            [
                [
                    "field": "dateUpdated", "operator": "range",
                    "value": ["gte": "2026-02-01T00:00:00.000Z", "lte": "2026-02-03T00:00:00.000Z"],
                ]
            ], 3
        ),
        (
            "range low/high on dateUpdated",
            [
                [
                    "field": "dateUpdated", "operator": "range",
                    "value": ["low": "2026-02-01T00:00:00.000Z", "high": "2026-02-02T00:00:00.000Z"],
                ]
            ], 2
        ),
        (
            "OR group",
            [
                [
                    "group": "OR",
                    "filters": [
                        ["field": "email", "operator": "eq", "value": "p1@x.com"],
                        ["field": "email", "operator": "eq", "value": "p2@x.com"],
                    ],
                ]
            ], 2
        ),
        (
            "AND of two",
            [
                ["field": "companyName", "operator": "eq", "value": "Acme"],
                ["field": "lastNameLowerCase", "operator": "eq", "value": "odd"],
            ], 2
        ),
    ]

    @Test(arguments: filterCases)
    func searchFilters(name: String, filters: JSONValue, expected: Int) async throws {
        let sim = await Fixture.ghl(seed: Self.people(20))
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/contacts/search",
                ["locationId": .string(Fixture.locationId), "pageLimit": 100, "filters": filters])
            #expect(reply.status == 200, "\(name)")
            #expect(reply.json["total"] == .int(expected), "\(name)")
        }
    }

    @Test func sortByTwoKeysOrdersRowsAndThirdKeyIsRejected() async throws {
        let sim = await Fixture.ghl(seed: Self.people(6))
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/contacts/search",
                [
                    "locationId": .string(Fixture.locationId), "pageLimit": 10,
                    "sort": [
                        ["field": "lastNameLowerCase", "direction": "asc"],
                        ["field": "firstNameLowerCase", "direction": "desc"],
                    ],
                ])
            let names = reply.json["contacts"]!.arrayValue!.map { $0["firstName"]!.stringValue! }
            #expect(names == ["Person4", "Person2", "Person0", "Person5", "Person3", "Person1"])
            let three = try await client.ghl(
                .post, "/contacts/search",
                [
                    "locationId": .string(Fixture.locationId), "pageLimit": 10,
                    "sort": [["field": "email"], ["field": "dnd"], ["field": "source"]],
                ])
            #expect(three.status == 422)
        }
    }

    static let invalidBodies: [(String, JSONValue, Int)] = [
        ("missing locationId", ["pageLimit": 10], 422),
        ("missing pageLimit", ["locationId": .string(Fixture.locationId)], 422),
        ("pageLimit over 500", ["locationId": .string(Fixture.locationId), "pageLimit": 501], 422),
        (
            "page beyond 10,000 records",
            ["locationId": .string(Fixture.locationId), "pageLimit": 500, "page": 21], 400
        ),
        (
            "page and searchAfter together",
            ["locationId": .string(Fixture.locationId), "pageLimit": 5, "page": 1, "searchAfter": [1, "x"]],
            422
        ),
        (
            "unknown operator",
            [
                "locationId": .string(Fixture.locationId), "pageLimit": 5,
                "filters": [["field": "email", "operator": "like", "value": "x"]],
            ], 422
        ),
    ]

    @Test(arguments: invalidBodies)
    func invalidSearchBodiesAreRejected(name: String, body: JSONValue, status: Int) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.post, "/contacts/search", body)
            #expect(reply.status == status, "\(name)")
        }
    }

    @Test func pagePagingStopsAtTheTenThousandRecordCapButPage20Of500Works() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let ok = try await client.ghl(
                .post, "/contacts/search",
                ["locationId": .string(Fixture.locationId), "pageLimit": 500, "page": 20])
            #expect(ok.status == 200)
        }
    }

    @Test func writesShowInSearchOnlyAfterTheLagButAtOnceById() async throws {
        let clock = SimClock(start: Fixture.start)
        let sim = await Fixture.ghl(clock: clock) { $0.searchLagMillis = 5_000 }
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(.post, "/contacts/", Body.contact(["email": "lag@x.com"]))
            let id = created.json["contact"]!["id"]!.stringValue!
            #expect(try await client.ghl(.get, "/contacts/\(id)").status == 200)
            let search: JSONValue = ["locationId": .string(Fixture.locationId), "pageLimit": 10]
            #expect(try await client.ghl(.post, "/contacts/search", search).json["total"] == 0)
            clock.advance(millis: 5_000)
            #expect(try await client.ghl(.post, "/contacts/search", search).json["total"] == 1)
        }
    }

    @Test func searchFiltersOnTheExternalIdCustomField() async throws {
        let field: JSONValue = ["id": "fgSyncFulcrumRecId01", "value": "rec-7"]
        let sim = await Fixture.ghl(seed: [
            ["firstName": "Linked", "customFields": [field]], ["firstName": "Other"],
        ])
        try await sim.application().test(.router) { client in
            let filters: JSONValue = [
                ["field": "customFields.fgSyncFulcrumRecId01", "operator": "eq", "value": "rec-7"]
            ]
            let reply = try await client.ghl(
                .post, "/contacts/search",
                ["locationId": .string(Fixture.locationId), "pageLimit": 10, "filters": filters])
            #expect(reply.json["total"] == 1)
            #expect(reply.json["contacts"]?.arrayValue?.first?["firstName"] == "Linked")
            let missing: JSONValue = [
                ["field": "customFields.fgSyncFulcrumRecId01", "operator": "not_exists"]
            ]
            let unlinked = try await client.ghl(
                .post, "/contacts/search",
                ["locationId": .string(Fixture.locationId), "pageLimit": 10, "filters": missing])
            #expect(unlinked.json["contacts"]?.arrayValue?.map { $0["firstName"] } == ["Other"])
        }
    }
}
