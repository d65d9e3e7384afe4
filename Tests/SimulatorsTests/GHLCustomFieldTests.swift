import Foundation
import Hummingbird
import HummingbirdTesting
import Simulators
import Testing

/// The simulated location's custom fields: one of every `dataType`, values stored in their
/// type (ghl.md §6.2), wrong types refused, and `POST /locations/:id/customFields`.
struct GHLCustomFieldTests {
    static let types = [
        "TEXT", "LARGE_TEXT", "NUMERICAL", "MONETORY", "PHONE", "EMAIL", "DATE", "CHECKBOX", "SINGLE_OPTIONS",
        "MULTIPLE_OPTIONS", "RADIO", "TEXTBOX_LIST", "FILE_UPLOAD", "SIGNATURE",
    ]

    func definitions(_ client: some TestClientProtocol) async throws -> [JSONValue] {
        try await client.ghl(.get, "/locations/\(Fixture.locationId)/customFields").json["customFields"]?.arrayValue ?? []
    }

    @Test func theLocationHasACustomFieldOfEveryDataTypeWithPicklistsWhereTheyApply() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let listed = try await definitions(client)
            #expect(Set(listed.compactMap { $0["dataType"]?.stringValue }) == Set(Self.types))
            for definition in listed where ["CHECKBOX", "SINGLE_OPTIONS", "MULTIPLE_OPTIONS", "RADIO"].contains(definition["dataType"]?.stringValue ?? "") {
                #expect(definition["picklistOptions"]?.arrayValue?.isEmpty == false, "\(definition)")
            }
            #expect(listed.allSatisfy { $0["locationId"]?.stringValue == Fixture.locationId && $0["fieldKey"] != nil })
        }
    }

    /// (field key, the `field_value` written, what the contact returns as `value`).
    static let stored: [(String, JSONValue, JSONValue)] = [
        ("employees", 42, 42), ("annual_value", 1250.5, 1250.5), ("nickname", "Ada", "Ada"), ("nickname", 7, "7"),
        ("member_level", "Gold", "Gold"), ("vip", "No", "No"), ("interests", ["Boats", "Trains"], ["Boats", "Trains"]),
        ("newsletter", ["Yes"], ["Yes"]), ("renewal_date", "2026-01-05", "2026-01-05T00:00:00.000Z"),
        ("renewal_date", "01/05/2026", "2026-01-05T00:00:00.000Z"), ("other_email", "a@x.com", "a@x.com"),
    ]

    @Test(arguments: stored)
    func aValueOfTheFieldsTypeIsStoredAndReturnedInThatType(_ key: String, _ written: JSONValue, _ returned: JSONValue) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/contacts/", Body.contact(["customFields": [["key": .string(key), "field_value": written]]]))
            #expect(reply.status == 201, "\(reply.text)")
            #expect(reply.json["contact"]?["customFields"]?.arrayValue?.first?["value"] == returned)
        }
    }

    /// (field key, a `field_value` of the wrong type or not in the picklist, words of the 422 message).
    static let refused: [(String, JSONValue, String)] = [
        ("employees", "42", "must be a number for NUMERICAL field"),
        ("annual_value", ["1"], "must be a number for MONETORY field"),
        ("interests", "Boats", "must be an array of strings for MULTIPLE_OPTIONS field"),
        ("interests", ["Rockets"], "one of the field's options (Boats, Planes, Trains)"),
        ("member_level", "Platinum", "one of the field's options (Gold, Silver, Bronze)"),
        ("member_level", ["Gold"], "must be a string for SINGLE_OPTIONS field"),
        ("renewal_date", "next spring", "must be a date (YYYY-MM-DD) for DATE field"),
        ("nickname", ["a", "b"], "must be a string for TEXT field"),
    ]

    @Test(arguments: refused)
    func aValueOfAnotherTypeIsRefusedWith422(_ key: String, _ written: JSONValue, _ message: String) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/contacts/", Body.contact(["customFields": [["key": .string(key), "field_value": written]]]))
            #expect(reply.status == 422)
            #expect(reply.text.contains(message), "\(reply.text)")
            #expect(await sim.store.allContacts().isEmpty, "a refused write changes nothing")
        }
    }

    @Test func anEmptyListOrStringClearsATypedField() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(
                .post, "/contacts/",
                Body.contact(["customFields": [["key": "interests", "field_value": ["Boats"]], ["key": "employees", "field_value": 3]]]))
            let id = created.json["contact"]?["id"]?.stringValue ?? ""
            let cleared = try await client.ghl(
                .put, "/contacts/\(id)",
                ["customFields": [["key": "interests", "field_value": []], ["key": "employees", "field_value": ""]]])
            #expect(cleared.json["contact"]?["customFields"] == [])
        }
    }

    @Test func postingACustomFieldCreatesItAndListsItWithItsPicklist() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/locations/\(Fixture.locationId)/customFields",
                ["name": "Shirt size", "dataType": "SINGLE_OPTIONS", "options": ["S", "M", "L"]])
            #expect(reply.status == 201, "\(reply.text)")
            let made = try #require(reply.json["customField"])
            #expect(made["fieldKey"] == "contact.shirt_size")
            #expect(made["picklistOptions"] == ["S", "M", "L"])
            #expect(made["id"]?.stringValue?.count == 20)
            let listed = try await definitions(client)
            #expect(listed.last == made)
            let written = try await client.ghl(
                .post, "/contacts/", Body.contact(["customFields": [["id": made["id"]!, "field_value": "M"]]]))
            #expect(written.json["contact"]?["customFields"]?.arrayValue?.first?["value"] == "M")
        }
    }

    /// (body, words of the 422 message).
    static let badDefinitions: [(JSONValue, String)] = [
        (["dataType": "TEXT"], "name should not be empty"),
        (["name": "Size", "dataType": "SHOE_SIZE"], "dataType must be one of the following values"),
        (["name": "Size", "dataType": "RADIO"], "options should not be empty for RADIO"),
        (["name": "Nickname", "dataType": "TEXT"], "already exists"),
        (["name": "Size", "dataType": "TEXT", "colour": "red"], "property colour should not exist"),
    ]

    @Test(arguments: badDefinitions)
    func aCustomFieldThatCannotBeMadeIsRefusedWith422(_ body: JSONValue, _ message: String) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let before = try await definitions(client).count
            let reply = try await client.ghl(.post, "/locations/\(Fixture.locationId)/customFields", body)
            #expect(reply.status == 422)
            #expect(reply.text.contains(message), "\(reply.text)")
            #expect(try await definitions(client).count == before)
        }
    }

    @Test func aCreatedCustomFieldIsKeptInTheDataDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let headers = ["Authorization": "Bearer \(Fixture.ghlToken)", "Version": "2021-07-28"]
        let path = "/locations/\(Fixture.locationId)/customFields"
        let definition: JSONValue = ["name": "Shirt size", "dataType": "TEXT"]
        let first = await GHLSimulator(clock: SimClock(start: Fixture.start), randomSeed: 5, dataDirectory: directory)
        #expect(await first.handle(SimRequest(method: "POST", path: path, headers: headers, body: definition.serialized())).status == 201)
        let second = await GHLSimulator(clock: SimClock(start: Fixture.start), randomSeed: 5, dataDirectory: directory)
        let listed = await second.handle(SimRequest(method: "GET", path: path, headers: headers, body: Data()))
        #expect(String(decoding: listed.body, as: UTF8.self).contains("contact.shirt_size"))
    }

    @Test func creatingACustomFieldInAnotherLocationIsForbidden() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let elsewhere = try await client.ghl(
                .post, "/locations/someOtherLocation01/customFields", ["name": "X", "dataType": "TEXT"])
            #expect(elsewhere.status == 403)
        }
    }
}
