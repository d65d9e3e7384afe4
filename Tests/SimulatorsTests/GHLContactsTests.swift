import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

struct GHLContactsTests {
    @Test func createReturns201WithNormalisedPhoneLowerCaseFieldsAndCustomFieldsReadAsIdValue() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/contacts/",
                Body.contact([
                    "firstName": "Ann", "lastName": "Lee", "email": "Ann@Example.com",
                    "phone": "(555) 123-4567",
                    "tags": ["VIP", "lead"],
                    "customFields": [["key": "fulcrum_record_id", "field_value": "rec-1"]],
                ]))
            #expect(reply.status == 201)
            let contact = reply.json["contact"]!
            #expect(contact["phone"] == "+15551234567")
            #expect(contact["emailLowerCase"] == "ann@example.com")
            #expect(contact["firstNameLowerCase"] == "ann")
            #expect(contact["fullNameLowerCase"] == "ann lee")
            #expect(contact["tags"] == ["vip", "lead"])
            #expect(contact["customFields"] == [["id": "fgSyncFulcrumRecId01", "value": "rec-1"]])
            #expect(contact["dateAdded"]?.stringValue?.hasSuffix("Z") == true)
            #expect(contact["dateAdded"]?.stringValue?.count == 24)
            #expect(reply.json["traceId"]?.stringValue != nil)
            let id = contact["id"]!.stringValue!
            #expect(id.count == 20)
            let fetched = try await client.ghl(.get, "/contacts/\(id)")
            #expect(fetched.status == 200)
            #expect(fetched.json["contact"]?["email"] == "Ann@Example.com")
        }
    }

    @Test func unknownContactIdGives400NotFoundMessage() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, "/contacts/lookup")
            #expect(reply.status == 400)
            #expect(reply.json["message"] == "Contact with id lookup not found")
            #expect(reply.json["statusCode"] == 400)
        }
    }

    @Test func updateIsPartialTagsReplaceAllAndDateUpdatedMoves() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(
                .post, "/contacts/",
                Body.contact(["firstName": "Ann", "email": "a@x.com", "tags": ["a", "b"]]))
            let id = created.json["contact"]!["id"]!.stringValue!
            let updated = try await client.ghl(.put, "/contacts/\(id)", ["lastName": "Lee", "tags": ["c"]])
            #expect(updated.status == 200)
            #expect(updated.json["succeded"] == true)
            let contact = updated.json["contact"]!
            #expect(contact["firstName"] == "Ann")
            #expect(contact["lastName"] == "Lee")
            #expect(contact["tags"] == ["c"])
            #expect(contact["dateUpdated"] != created.json["contact"]!["dateUpdated"])
        }
    }

    @Test func updateWithLocationIdIs422WithMessageArrayAndChangesNothing() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "Ann"]))
            let id = created.json["contact"]!["id"]!.stringValue!
            let reply = try await client.ghl(
                .put, "/contacts/\(id)", ["locationId": .string(Fixture.locationId), "firstName": "Bob"])
            #expect(reply.status == 422)
            #expect(reply.json["message"] == ["property locationId should not exist"])
            #expect(reply.json["error"] == "Unprocessable Entity")
            #expect(await sim.store.contact(id: id)?.string("firstName") == "Ann")
        }
    }

    static let wrongTypes: [(JSONValue, String)] = [
        (["firstName": 5], "firstName must be a string"),
        (["dnd": "yes"], "dnd must be a boolean value"),
        (["tags": "vip"], "tags must be an array"),
        (["email": "not-an-email"], "email must be an email"),
        (["nickname": "x"], "property nickname should not exist"),
        (
            ["dndSettings": ["SMS": ["status": "maybe"]]],
            "dndSettings.SMS.status must be one of the following values: active, inactive, permanent"
        ),
        (
            ["customFields": [["id": "fgSyncFulcrumRecId01", "field_value": ["a"]]]],
            "customFields.field_value must be a string for TEXT field fgSyncFulcrumRecId01"
        ),
    ]

    @Test(arguments: wrongTypes)
    func wrongTypesGive422AndCreateNothing(body: JSONValue, message: String) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            var object = body.objectValue!
            object["locationId"] = .string(Fixture.locationId)
            let reply = try await client.ghl(.post, "/contacts/", .object(object))
            #expect(reply.status == 422)
            #expect(reply.json["message"]?.arrayValue?.contains(.string(message)) == true)
            #expect(await sim.store.allContacts().isEmpty)
        }
    }

    static let duplicateCases: [(String, JSONValue)] = [
        ("email", ["email": "ANN@x.com"]),
        ("phone", ["phone": "+1 555 123 4567"]),
    ]

    @Test(arguments: duplicateCases)
    func duplicateEmailOrPhoneIs400WithMeta(field: String, second: JSONValue) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let first = try await client.ghl(
                .post, "/contacts/", Body.contact(["email": "ann@x.com", "phone": "5551234567"]))
            let id = first.json["contact"]!["id"]!
            var object = second.objectValue!
            object["locationId"] = .string(Fixture.locationId)
            let reply = try await client.ghl(.post, "/contacts/", .object(object))
            #expect(reply.status == 400)
            #expect(reply.json["message"] == "This location does not allow duplicated contacts.")
            #expect(reply.json["meta"]?["contactId"] == id)
            #expect(reply.json["meta"]?["matchingField"] == .string(field))
            #expect(await sim.store.allContacts().count == 1)
        }
    }

    @Test func duplicatesAreCreatedWhenTheLocationAllowsThem() async throws {
        let sim = await Fixture.ghl { $0.allowDuplicateContacts = true }
        try await sim.application().test(.router) { client in
            _ = try await client.ghl(.post, "/contacts/", Body.contact(["email": "ann@x.com"]))
            let reply = try await client.ghl(.post, "/contacts/", Body.contact(["email": "ann@x.com"]))
            #expect(reply.status == 201)
            #expect(await sim.store.allContacts().count == 2)
        }
    }

    @Test func upsertUpdatesTheEmailMatchAndIgnoresAPhoneThatBelongsToAnotherContact() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let a = try await client.ghl(
                .post, "/contacts/", Body.contact(["email": "a@x.com", "firstName": "A"]))
            let b = try await client.ghl(
                .post, "/contacts/", Body.contact(["phone": "5550000001", "firstName": "B"]))
            let reply = try await client.ghl(
                .post, "/contacts/upsert",
                Body.contact(["email": "a@x.com", "phone": "5550000001", "lastName": "Z"]))
            #expect(reply.status == 200)
            #expect(reply.json["new"] == false)
            #expect(reply.json["contact"]?["id"] == a.json["contact"]!["id"])
            #expect(reply.json["contact"]?["lastName"] == "Z")
            #expect(reply.json["contact"]?["phone"] == nil)
            let bId = b.json["contact"]!["id"]!.stringValue!
            #expect(await sim.store.contact(id: bId)?.string("phone") == "+15550000001")
            let fresh = try await client.ghl(.post, "/contacts/upsert", Body.contact(["email": "new@x.com"]))
            #expect(fresh.json["new"] == true)
        }
    }

    @Test func deleteAnswersSuccededAndTheContactIsGone() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": "Ann"]))
            let id = created.json["contact"]!["id"]!.stringValue!
            let reply = try await client.ghl(.delete, "/contacts/\(id)")
            #expect(reply.status == 200)
            #expect(reply.json["succeded"] == true)
            #expect(try await client.ghl(.get, "/contacts/\(id)").status == 400)
        }
    }

    @Test func tagEndpointsAddAndRemoveIncrementally() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(.post, "/contacts/", Body.contact(["tags": ["a"]]))
            let id = created.json["contact"]!["id"]!.stringValue!
            let added = try await client.ghl(.post, "/contacts/\(id)/tags", ["tags": ["B", "c"]])
            #expect(added.status == 201)
            #expect(added.json["tags"] == ["a", "b", "c"])
            let removed = try await client.ghl(.delete, "/contacts/\(id)/tags", ["tags": ["a"]])
            #expect(removed.status == 200)
            #expect(removed.json["tags"] == ["b", "c"])
        }
    }

    @Test func malformedJSONIs400AndChangesNothing() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.post, "/contacts/", raw: "{\"locationId\": ")
            #expect(reply.status == 400)
            #expect(reply.json["statusCode"] == 400)
            #expect(await sim.store.allContacts().isEmpty)
        }
    }

    @Test func bodyOverOneMegabyteIs413AndChangesNothing() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let big = String(repeating: "x", count: 1_100_000)
            let reply = try await client.ghl(.post, "/contacts/", Body.contact(["firstName": .string(big)]))
            #expect(reply.status == 413)
            #expect(reply.json["statusCode"] == 413)
            #expect(await sim.store.allContacts().isEmpty)
        }
    }

    @Test func unknownRouteIsNestStyle404() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, "/nothing/here")
            #expect(reply.status == 404)
            #expect(reply.json["message"] == "Cannot GET /nothing/here")
        }
    }

    @Test(arguments: [("2021-07-28", 200), ("v3", 200), ("2023-02-21", 400)])
    func versionHeaderIsRequired(version: String, status: Int) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .get, "/contacts/?locationId=\(Fixture.locationId)", version: version)
            #expect(reply.status == status)
        }
    }

    @Test func customFieldDefinitionsListTheExternalIdField() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, "/locations/\(Fixture.locationId)/customFields")
            #expect(reply.status == 200)
            #expect(reply.json["customFields"]?.arrayValue?.first?["fieldKey"] == "contact.fulcrum_record_id")
        }
    }

    @Test func seededContactsAreServedInTheirOwnShape() async throws {
        let field: JSONValue = ["id": "fgSyncFulcrumRecId01", "value": "r1"]
        let contact: JSONValue = [
            "id": "seedContact000000001", "firstName": "Seed", "email": "s@x.com", "tags": ["Old"],
            "customFields": [field],
        ]
        let seed = [contact]
        let sim = await Fixture.ghl(seed: seed)
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, "/contacts/seedContact000000001")
            #expect(reply.json["contact"]?["firstName"] == "Seed")
            #expect(reply.json["contact"]?["tags"] == ["old"])
        }
    }

    @Test func numericCustomFieldValuesAreStoredAsTextAndEmptyClears() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(
                .post, "/contacts/",
                Body.contact(["customFields": [["id": "fgSyncFulcrumRecId01", "field_value": 42]]]))
            let contact = created.json["contact"]!
            #expect(contact["customFields"] == [["id": "fgSyncFulcrumRecId01", "value": "42"]])
            let id = contact["id"]!.stringValue!
            let cleared = try await client.ghl(
                .put, "/contacts/\(id)",
                ["customFields": [["key": "contact.fulcrum_record_id", "field_value": ""]]])
            #expect(cleared.json["contact"]?["customFields"] == [])
        }
    }

    @Test func businessContactsListThoseSeededWithTheBusinessId() async throws {
        let sim = await Fixture.ghl(seed: [["firstName": "A", "businessId": "biz1"], ["firstName": "B"]])
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(.get, "/contacts/business/biz1?locationId=\(Fixture.locationId)")
            #expect(reply.status == 200)
            #expect(reply.json["count"] == 1)
            #expect(reply.json["contacts"]?.arrayValue?.first?["firstName"] == "A")
        }
    }

    @Test func duplicateSearchFindsByEncodedPhoneOrEmail() async throws {
        let sim = await Fixture.ghl(seed: [["firstName": "A", "email": "a@x.com", "phone": "+14231645160"]])
        try await sim.application().test(.router) { client in
            let byPhone = try await client.ghl(
                .get, "/contacts/search/duplicate?locationId=\(Fixture.locationId)&number=%2B14231645160")
            #expect(byPhone.json["contact"]?["firstName"] == "A")
            let byEmail = try await client.ghl(
                .get, "/contacts/search/duplicate?locationId=\(Fixture.locationId)&email=A%40x.com")
            #expect(byEmail.json["contact"]?["firstName"] == "A")
            let none = try await client.ghl(
                .get, "/contacts/search/duplicate?locationId=\(Fixture.locationId)&email=b%40x.com")
            #expect(none.json["contact"] == .null)
        }
    }

    /// ghl.md §4.4: where duplicates are allowed the email is searched first, then the phone.
    @Test func duplicateSearchLooksForTheEmailBeforeThePhoneWhereDuplicatesAreAllowed() async throws {
        let seed: [JSONValue] = [
            ["firstName": "ByPhone", "phone": "+14231645160", "dateAdded": "2026-01-01T00:00:00.000Z"],
            ["firstName": "ByEmail", "email": "b@x.com", "dateAdded": "2026-01-02T00:00:00.000Z"],
        ]
        let sim = await Fixture.ghl(seed: seed) { $0.allowDuplicateContacts = true }
        try await sim.application().test(.router) { client in
            let both = try await client.ghl(
                .get, "/contacts/search/duplicate?locationId=\(Fixture.locationId)&number=%2B14231645160&email=b%40x.com")
            #expect(both.json["contact"]?["firstName"] == "ByEmail")
        }
    }

    /// ghl.md §4.4: where duplicates are not allowed, the location's unique identifiers decide,
    /// in their priority order.
    @Test func duplicateSearchFollowsTheLocationsIdentifierOrderWhereDuplicatesAreRefused() async throws {
        let seed: [JSONValue] = [
            ["firstName": "ByEmail", "email": "b@x.com", "dateAdded": "2026-01-01T00:00:00.000Z"],
            ["firstName": "ByPhone", "phone": "+14231645160", "dateAdded": "2026-01-02T00:00:00.000Z"],
        ]
        let sim = await Fixture.ghl(seed: seed) { $0.duplicateIdentifiers = ["phone", "email"] }
        try await sim.application().test(.router) { client in
            let both = try await client.ghl(
                .get, "/contacts/search/duplicate?locationId=\(Fixture.locationId)&number=%2B14231645160&email=b%40x.com")
            #expect(both.json["contact"]?["firstName"] == "ByPhone")
        }
    }

    @Test func v3RequestsAlsoGetTheCorrectedSucceededSpelling() async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let created = try await client.ghl(
                .post, "/contacts/", Body.contact(["firstName": "A"]), version: "v3")
            let id = created.json["contact"]!["id"]!.stringValue!
            let deleted = try await client.ghl(.delete, "/contacts/\(id)", version: "v3")
            #expect(deleted.json["succeded"] == true)
            #expect(deleted.json["succeeded"] == true)
        }
    }

    @Test(arguments: [
        "1990/09/25", "09/25/1990", "1990-09-25", "09-25-1990", "1990.09.25", "09.25.1990", "1990_09_25",
        "09_25_1990",
    ])
    func dateOfBirthAcceptsTheDocumentedFormats(input: String) async throws {
        let sim = await Fixture.ghl()
        try await sim.application().test(.router) { client in
            let reply = try await client.ghl(
                .post, "/contacts/", Body.contact(["dateOfBirth": .string(input)]))
            #expect(reply.status == 201)
            #expect(reply.json["contact"]?["dateOfBirth"] == "1990-09-25T00:00:00.000Z")
        }
    }
}
