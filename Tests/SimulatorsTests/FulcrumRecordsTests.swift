import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct FulcrumRecordsTests {
    static let first = "1a01"
    static let last = "1a02"
    static let email = "1a03"

    @Test(arguments: ["/api/v2/records", "/api/v2/records.json"])
    func createKeepsAClientIdAndAnswers200WithVersion1(path: String) async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(
                .post, path, Body.record([Self.first: "Ann"], extra: ["id": "my-own-id"]))
            #expect(reply.status == 200)
            let record = reply.json["record"]!
            #expect(record["id"] == "my-own-id")
            #expect(record["version"] == 1)
            #expect(record["created_at"]?.stringValue?.count == 20)
            #expect(record["form_values"]?[Self.first] == "Ann")
            #expect(try await client.fulcrum(.get, "/api/v2/records/my-own-id").status == 200)
            #expect(try await client.fulcrum(.get, "/api/v2/records/my-own-id.json").status == 200)
        }
    }

    @Test func missingFormIdIs422InRailsShapeAndCreatesNothing() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(
                .post, "/api/v2/records.json", ["record": ["form_values": [:]]])
            #expect(reply.status == 422)
            #expect(reply.json["record"]?["errors"]?["form_id"] == ["cannot be blank"])
            #expect(await sim.store.allRecords().isEmpty)
        }
    }

    @Test func putReplacesTheWholeRecordSoOmittedValuesAreWiped() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let created = try await client.fulcrum(
                .post, "/api/v2/records",
                Body.record([Self.first: "Ann", Self.last: "Lee"], extra: ["status": "new"]))
            let id = created.json["record"]!["id"]!.stringValue!
            let reply = try await client.fulcrum(
                .put, "/api/v2/records/\(id).json", Body.record([Self.first: "Anna"]))
            #expect(reply.status == 200)
            let record = reply.json["record"]!
            #expect(record["form_values"] == [Self.first: "Anna"])
            #expect(record["status"] == .null)
            #expect(record["version"] == 2)
        }
    }

    @Test func patchMergesTopLevelKeysAndNullErases() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let created = try await client.fulcrum(
                .post, "/api/v2/records",
                Body.record(
                    [Self.first: "Ann", Self.last: "Lee", Self.email: "a@x.com"], extra: ["status": "new"]))
            let id = created.json["record"]!["id"]!.stringValue!
            let reply = try await client.fulcrum(
                .patch, "/api/v2/records/\(id)",
                ["record": ["form_values": [Self.first: "Anna", Self.email: nil]]])
            #expect(reply.status == 200)
            let record = reply.json["record"]!
            #expect(record["form_values"] == [Self.first: "Anna", Self.last: "Lee"])
            #expect(record["status"] == "new")
            #expect(record["version"] == 2)
        }
    }

    @Test func deleteRemovesTheRecordAndAnswersWithItsLastState() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let created = try await client.fulcrum(.post, "/api/v2/records", Body.record([Self.first: "Ann"]))
            let id = created.json["record"]!["id"]!.stringValue!
            let deleted = try await client.fulcrum(.delete, "/api/v2/records/\(id).json")
            #expect(deleted.status == 200)
            #expect(deleted.json["record"]?["id"] == .string(id))
            let missing = try await client.fulcrum(.get, "/api/v2/records/\(id)")
            #expect(missing.status == 404)
            #expect(missing.json == [:])
            #expect(
                try await client.fulcrum(.get, "/api/v2/records?form_id=\(Fixture.formId)").json[
                    "total_count"] == 0)
        }
    }

    @Test func listIsAscendingUpdatedAtThenIdWithPaginationKeys() async throws {
        let clock = SimClock(start: Fixture.start, tickMillis: 0)
        let sim = await Fixture.fulcrum(clock: clock)
        try await sim.application().test(.router) { client in
            var ids: [String] = []
            for index in 0..<5 {
                let reply = try await client.fulcrum(
                    .post, "/api/v2/records", Body.record([Self.first: .string("P\(index)")]))
                ids.append(reply.json["record"]!["id"]!.stringValue!)
                clock.advance(millis: 1_000)
            }
            _ = try await client.fulcrum(.patch, "/api/v2/records/\(ids[0])", ["record": ["status": "moved"]])
            let page1 = try await client.fulcrum(
                .get, "/api/v2/records.json?form_id=\(Fixture.formId)&per_page=2&page=1")
            #expect(page1.json["total_count"] == 5)
            #expect(page1.json["total_pages"] == 3)
            #expect(page1.json["per_page"] == 2)
            #expect(page1.json["current_page"] == 1)
            var order: [String] = []
            for page in 1...3 {
                let reply = try await client.fulcrum(
                    .get, "/api/v2/records?form_id=\(Fixture.formId)&per_page=2&page=\(page)")
                order += reply.json["records"]!.arrayValue!.map { $0["id"]!.stringValue! }
            }
            #expect(order == [ids[1], ids[2], ids[3], ids[4], ids[0]])
        }
    }

    static let sinceFormats: [(String, Int)] = [
        ("1790000002", 3), ("1790000002.5", 2), ("2026-09-21T14:13:22Z", 3), ("1790000004", 1),
    ]

    @Test(arguments: sinceFormats)
    func updatedSinceAcceptsEpochSecondsFractionalAndISO(since: String, expected: Int) async throws {
        let clock = SimClock(start: Fixture.start, tickMillis: 0)
        let sim = await Fixture.fulcrum(clock: clock)
        try await sim.application().test(.router) { client in
            for index in 0..<5 {
                _ = try await client.fulcrum(
                    .post, "/api/v2/records", Body.record([Self.first: .string("P\(index)")]))
                clock.advance(millis: 1_000)
            }
            let reply = try await client.fulcrum(.get, "/api/v2/records?updated_since=\(since)")
            #expect(reply.json["total_count"] == .int(expected), "since \(since)")
        }
    }

    @Test func historyFeedPagesBySequenceAndShowsDeletes() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let a = try await client.fulcrum(.post, "/api/v2/records", Body.record([Self.first: "A"])).json[
                "record"]!["id"]!.stringValue!
            let b = try await client.fulcrum(.post, "/api/v2/records", Body.record([Self.first: "B"])).json[
                "record"]!["id"]!.stringValue!
            _ = try await client.fulcrum(
                .patch, "/api/v2/records/\(a)", ["record": ["form_values": [Self.last: "Z"]]])
            _ = try await client.fulcrum(.delete, "/api/v2/records/\(b)")
            var sequence = 0
            var changes: [String] = []
            var pages = 0
            while true {
                let reply = try await client.fulcrum(
                    .get,
                    "/api/v2/records/history.json?form_id=\(Fixture.formId)&per_page=3&sequence=\(sequence)")
                #expect(reply.status == 200)
                pages += 1
                changes += reply.json["records"]!.arrayValue!.map {
                    "\($0["id"]!.stringValue! == a ? "a" : "b")\($0["history_change_type"]!.stringValue!)\($0["version"]!.intValue!)"
                }
                guard let next = reply.json["next_sequence"]?.intValue else { break }
                sequence = next
            }
            #expect(changes == ["ac1", "bc1", "au2", "bd2"])
            #expect(pages == 2)
            let history = try await client.fulcrum(.get, "/api/v2/records/\(a)/history")
            #expect(history.json["records"]?.arrayValue?.map { $0["version"] } == [1, 2])
            #expect(history.json["total_count"] == 2)
        }
    }

    @Test(arguments: [nil, "wrong"] as [String?])
    func missingOrWrongTokenIs401(token: String?) async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(.get, "/api/v2/records.json", token: token)
            #expect(reply.status == 401)
            #expect(reply.json == ["error": "Unauthorized"])
        }
    }

    @Test func tokenMayComeAsAQueryParameter() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(
                .get, "/api/v2/forms.json?token=\(Fixture.fulcrumToken)", token: nil)
            #expect(reply.status == 200)
        }
    }

    @Test func malformedJSONIs422AndOversizedBodyIs413AndNeitherChangesState() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let malformed = try await client.fulcrum(.post, "/api/v2/records", raw: "{\"record\": {")
            #expect(malformed.status == 422)
            #expect(
                malformed.json["record"]?["errors"]?.stringValue?.hasPrefix("Invalid JSON structure") == true)
            let big = String(repeating: "y", count: 1_100_000)
            let oversized = try await client.fulcrum(
                .post, "/api/v2/records", Body.record([Self.first: .string(big)]))
            #expect(oversized.status == 413)
            #expect(await sim.store.allRecords().isEmpty)
            #expect(await sim.store.historyEntries().isEmpty)
        }
    }

    @Test func unknownRouteIs404WithEmptyObject() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(.get, "/api/v2/nothing.json")
            #expect(reply.status == 404)
            #expect(reply.json == [:])
        }
    }

    @Test func hourlyLimitGives429() async throws {
        let sim = await Fixture.fulcrum { $0.hourlyLimit = 2 }
        try await sim.application().test(.router) { client in
            #expect(try await client.fulcrum(.get, "/api/v2/forms").status == 200)
            #expect(try await client.fulcrum(.get, "/api/v2/forms").status == 200)
            #expect(try await client.fulcrum(.get, "/api/v2/forms").status == 429)
            _ = try await client.fulcrum(.post, "/_sim/clock", ["advanceSeconds": 3600])
            #expect(try await client.fulcrum(.get, "/api/v2/forms").status == 200)
        }
    }

    @Test func theDefaultFormHoldsAFieldOfEveryContactType() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let form = try await client.fulcrum(.get, "/api/v2/forms/\(Fixture.formId).json").json["form"]!
            var types: [String: String] = [:]
            for element in form["elements"]?.arrayValue ?? [] {
                let numeric = element["numeric"] == true ? " numeric" : ""
                let multiple = element["multiple"] == true ? " multiple" : ""
                types[element["data_name"]?.stringValue ?? ""] = (element["type"]?.stringValue ?? "") + numeric + multiple
            }
            #expect(types["address"] == "AddressField")
            #expect(types["birth_date"] == "DateField")
            #expect(types["newsletter"] == "YesNoField")
            #expect(types["member_level"] == "ChoiceField")
            #expect(types["interests"] == "ChoiceField multiple")
            #expect(types["employees"] == "TextField numeric")
            #expect(types["website"] == "HyperlinkField")
        }
    }

    @Test func formsListAndGetServeTheContactsFormElementTree() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let list = try await client.fulcrum(.get, "/api/v2/forms.json")
            #expect(list.json["forms"]?.arrayValue?.count == 1)
            let form = try await client.fulcrum(.get, "/api/v2/forms/\(Fixture.formId).json").json["form"]!
            #expect(form["name"] == "Contacts")
            let names = form["elements"]!.arrayValue!.map { $0["data_name"]!.stringValue! }
            #expect(
                names == [
                    "first_name", "last_name", "email", "phone", "company_name", "tags", "ghl_contact_id",
                    "notes", "tasks",
                    // One field of each contact type (FulcrumDefaultForm+Typed).
                    "address", "birth_date", "newsletter", "member_level", "employees", "website", "interests", "vip",
                    "renewal_date", "annual_value", "appointments",
                ])
            let tags = form["elements"]!.arrayValue![5]
            #expect(tags["multiple"] == true)
            #expect(tags["allow_other"] == true)
            #expect(form["elements"]!.arrayValue![6]["hidden"] == true)
            let tasks = form["elements"]!.arrayValue![8]["elements"]!.arrayValue!.map {
                $0["data_name"]!.stringValue!
            }
            #expect(tasks == ["title", "body", "due_date", "completed", "ghl_task_id"])
            let link = form["elements"]!.arrayValue![8]["elements"]!.arrayValue!.last!
            #expect(link["hidden"] == true, "the GHL task id is kept in a hidden field")
            let bare = try await client.fulcrum(.get, "/api/v2/forms/\(Fixture.formId)?schema=false").json[
                "form"]!
            #expect(bare["elements"] == nil)
        }
    }

    @Test func repeatableItemsGetIdsAndEpochStringTimestamps() async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            let reply = try await client.fulcrum(
                .post, "/api/v2/records", Body.record(["2b01": [["form_values": ["2b02": "hello"]]]]))
            let item = reply.json["record"]!["form_values"]!["2b01"]!.arrayValue!.first!
            #expect(item["id"]?.stringValue?.count == 36)
            #expect(item["created_at"] == "1790000000")
            #expect(item["form_values"]?["2b02"] == "hello")
        }
    }

    static let wrongTypes: [(JSONValue, String)] = [
        (["form_values": "x"], "form_values"),
        (["form_values": [:], "latitude": "north"], "latitude"),
        (["form_values": [:], "status": 5], "status"),
        (["form_values": [:], "client_updated_at": "yesterday"], "client_updated_at"),
        (["form_values": [:], "geometry": ["coordinates": [1, 2]]], "geometry"),
    ]

    @Test(arguments: wrongTypes)
    func wrongTypesGive422NamingTheFieldAndCreateNothing(record: JSONValue, field: String) async throws {
        let sim = await Fixture.fulcrum()
        try await sim.application().test(.router) { client in
            var object = record.objectValue!
            object["form_id"] = .string(Fixture.formId)
            let reply = try await client.fulcrum(.post, "/api/v2/records.json", ["record": .object(object)])
            #expect(reply.status == 422)
            #expect(reply.json["record"]?["errors"]?[field] != nil)
            #expect(await sim.store.allRecords().isEmpty)
        }
    }

    @Test func createdAndClientTimeFiltersSelectOnTheirOwnClocks() async throws {
        let clock = SimClock(start: Fixture.start, tickMillis: 0)
        let sim = await Fixture.fulcrum(clock: clock)
        try await sim.application().test(.router) { client in
            for index in 0..<4 {
                _ = try await client.fulcrum(
                    .post, "/api/v2/records",
                    Body.record(
                        [Self.first: .string("P\(index)")],
                        extra: ["client_updated_at": .string("2020-01-0\(index + 1)T00:00:00Z")]))
                clock.advance(millis: 1_000)
            }
            let created = try await client.fulcrum(.get, "/api/v2/records?created_before=1790000002")
            #expect(created.json["total_count"] == 2)
            let device = try await client.fulcrum(
                .get, "/api/v2/records?client_updated_since=2020-01-03T00:00:00Z")
            #expect(device.json["total_count"] == 2)
            let window = try await client.fulcrum(
                .get, "/api/v2/records?client_created_since=0&updated_before=1790000001.5")
            #expect(window.json["total_count"] == 0)
        }
    }
}
