import Foundation
import HighLevelAPI
import SyncHTTP
import Testing

enum HighLevelClientFactory {
    static let token = "pit-secret-token-5678"

    static func make(_ transport: any HTTPTransport, _ options: ClientOptions = testOptions())
        -> HighLevelClient
    {
        HighLevelClient(
            baseURL: testURL, locationId: "loc1", auth: .privateToken(token), transport: transport,
            options: options)
    }
}

@Suite struct HighLevelClientTests {
    let contact =
        #"{"contact":{"id":"c1","email":"a@b.c","dateUpdated":"2026-03-06T20:27:20.348Z","unknownKey":true}}"#

    @Test func everyRequestCarriesBearerAndVersion() async throws {
        let transport = FakeTransport([.success(json(200, contact))])
        let result = try await HighLevelClientFactory.make(transport).contact(id: "c1")
        let request = try #require(transport.requests.first)
        #expect(request.headers["Authorization"] == "Bearer \(HighLevelClientFactory.token)")
        #expect(request.headers["Version"] == "2021-07-28")
        #expect(request.url.path == "/contacts/c1")
        #expect(result.id == "c1")
        #expect(try result.object()["unknownKey"] as? Bool == true)
        #expect(result.dateUpdated != nil)
    }

    @Test func searchFollowsTheLastRowsSearchAfterUntilAnEmptyPage() async throws {
        let transport = FakeTransport([
            .success(
                json(
                    200,
                    #"{"contacts":[{"id":"a","searchAfter":[1,"a"]},{"id":"b","searchAfter":[2,"b"]}],"total":3}"#
                )),
            .success(json(200, #"{"contacts":[{"id":"c","searchAfter":[3,"c"]}],"total":3}"#)),
            .success(json(200, #"{"contacts":[],"total":3}"#)),
        ])
        var ids: [String] = []
        for try await page in HighLevelClientFactory.make(transport).allContacts(pageLimit: 2) {
            ids += page.contacts.map(\.id)
        }
        #expect(ids == ["a", "b", "c"])
        let bodies = transport.requests.map(\.jsonBody)
        #expect(bodies[0]?["searchAfter"] == nil)
        #expect(bodies[1]?["searchAfter"] as? [AnyHashable] == [2, "b"])
        #expect(bodies[2]?["searchAfter"] as? [AnyHashable] == [3, "c"])
        #expect(bodies.allSatisfy { $0?["locationId"] as? String == "loc1" && $0?["pageLimit"] as? Int == 2 })
        #expect(transport.requests.allSatisfy { $0.method == .post && $0.url.path == "/contacts/search" })
    }

    @Test func searchRefusesARepeatedCursor() async throws {
        let transport = FakeTransport([
            .success(json(200, #"{"contacts":[{"id":"a","searchAfter":[1,"a"]}]}"#))
        ])
        let error = await #expect(throws: APIError.self) {
            for try await _ in HighLevelClientFactory.make(transport).allContacts() {}
        }
        #expect(error?.code == .repeatedCursor)
        #expect(transport.requests.count == 2)
    }

    @Test func searchIsRetriedLikeARead() async throws {
        let transport = FakeTransport([.success(json(502, "{}")), .success(json(200, #"{"contacts":[]}"#))])
        _ = try await HighLevelClientFactory.make(transport).searchContacts()
        #expect(transport.requests.count == 2)
    }

    @Test func duplicateCreateIsATypedErrorNamingTheExistingContact() async throws {
        let body =
            #"{"statusCode":400,"message":"This location does not allow duplicated contacts.","meta":{"contactId":"existing1","contactName":"Jo","matchingField":"email"}}"#
        let transport = FakeTransport([.success(json(400, body))])
        let error = await #expect(throws: APIError.self) {
            try await HighLevelClientFactory.make(transport).createContact(
                json: Data(#"{"email":"a@b.c"}"#.utf8))
        }
        #expect(error?.code == .duplicate(contactId: "existing1", matchingField: "email"))
        #expect(transport.requests.count == 1)
    }

    @Test func createSetsTheLocationAndUpdateNeverSendsIt() async throws {
        let transport = FakeTransport([.success(json(201, contact))])
        let client = HighLevelClientFactory.make(transport)
        _ = try await client.createContact(json: Data(#"{"email":"a@b.c"}"#.utf8))
        _ = try await client.updateContact(
            id: "c1", json: Data(#"{"email":"a@b.c","locationId":"loc1"}"#.utf8))
        #expect(transport.requests[0].jsonBody?["locationId"] as? String == "loc1")
        #expect(transport.requests[1].jsonBody?["locationId"] == nil)
        #expect(transport.requests[1].method == .put)
        #expect(transport.requests[1].url.path == "/contacts/c1")
    }

    @Test(arguments: [
        (400, #"{"statusCode":400,"message":"Contact with id zz not found"}"#),
        (404, #"{"statusCode":404,"message":"Not Found"}"#),
    ])
    func unknownContactIsNotFound(status: Int, body: String) async throws {
        let transport = FakeTransport([.success(json(status, body))])
        let error = await #expect(throws: APIError.self) {
            try await HighLevelClientFactory.make(transport).contact(id: "zz")
        }
        #expect(error?.code == .notFound)
    }

    @Test func tagRemovalIsADeleteWithAJSONBody() async throws {
        let transport = FakeTransport([.success(json(200, #"{"tags":["keep"]}"#))])
        let client = HighLevelClientFactory.make(transport)
        let after = try await client.removeTags(id: "c1", tags: ["drop"])
        _ = try await client.addTags(id: "c1", tags: ["new"])
        #expect(after == ["keep"])
        #expect(transport.requests[0].method == .delete)
        #expect(transport.requests[0].jsonBody?["tags"] as? [String] == ["drop"])
        #expect(transport.requests[0].headers["Content-Type"] == "application/json")
        #expect(transport.requests[1].method == .post)
        #expect(transport.requests.allSatisfy { $0.url.path == "/contacts/c1/tags" })
    }

    @Test func customFieldsAreReadFromTheLocation() async throws {
        let transport = FakeTransport([
            .success(
                json(
                    200,
                    #"{"customFields":[{"id":"cf1","name":"Fulcrum id","fieldKey":"contact.fulcrum_id"}]}"#))
        ])
        let fields = try await HighLevelClientFactory.make(transport).customFields()
        #expect(fields.map(\.id) == ["cf1"])
        #expect(transport.requests[0].url.path == "/locations/loc1/customFields")
    }

    @Test func aCustomFieldIsCreatedInTheLocationAndItsDefinitionRead() async throws {
        let transport = FakeTransport([
            .success(json(201, #"{"customField":{"id":"cf9","name":"Level","fieldKey":"contact.level","dataType":"RADIO"}}"#))
        ])
        let made = try await HighLevelClientFactory.make(transport).createCustomField(
            json: Data(#"{"name":"Level","dataType":"RADIO","options":["A","B"]}"#.utf8))
        #expect(made.id == "cf9")
        #expect(transport.requests[0].method == .post)
        #expect(transport.requests[0].url.path == "/locations/loc1/customFields")
        #expect(transport.requests[0].jsonBody?["options"] as? [String] == ["A", "B"])
    }

    @Test func notesAndTasksUseTheirRoutes() async throws {
        let transport = FakeTransport { request, _ in
            if request.url.path.contains("/notes") {
                return json(200, #"{"notes":[{"id":"n1"}],"note":{"id":"n1"},"succeded":true}"#)
            }
            return json(200, #"{"tasks":[{"id":"t1"}],"task":{"id":"t1"},"succeded":true}"#)
        }
        let client = HighLevelClientFactory.make(transport)
        #expect(try await client.notes(contactId: "c1").map(\.id) == ["n1"])
        #expect(try await client.createNote(contactId: "c1", json: Data(#"{"body":"hi"}"#.utf8)).id == "n1")
        #expect(
            try await client.updateNote(contactId: "c1", noteId: "n1", json: Data(#"{"body":"x"}"#.utf8)).id
                == "n1")
        try await client.deleteNote(contactId: "c1", noteId: "n1")
        #expect(try await client.tasks(contactId: "c1").map(\.id) == ["t1"])
        #expect(try await client.createTask(contactId: "c1", json: Data(#"{"title":"t"}"#.utf8)).id == "t1")
        #expect(
            try await client.updateTask(contactId: "c1", taskId: "t1", json: Data(#"{"title":"u"}"#.utf8)).id
                == "t1")
        try await client.deleteTask(contactId: "c1", taskId: "t1")
        #expect(
            transport.requests.map { "\($0.method.rawValue) \($0.url.path)" } == [
                "GET /contacts/c1/notes", "POST /contacts/c1/notes", "PUT /contacts/c1/notes/n1",
                "DELETE /contacts/c1/notes/n1",
                "GET /contacts/c1/tasks", "POST /contacts/c1/tasks", "PUT /contacts/c1/tasks/t1",
                "DELETE /contacts/c1/tasks/t1",
            ])
    }

    @Test func privateTokenRejectionIsFinalWithoutRefresh() async throws {
        let transport = FakeTransport([
            .success(json(401, #"{"message":"The token is not authorized for this scope."}"#))
        ])
        let error = await #expect(throws: APIError.self) {
            try await HighLevelClientFactory.make(transport).contact(id: "c1")
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.contains("contacts.readonly contacts.write") == true)
        #expect(transport.requests.count == 1)
    }
}

@Suite struct GHLSearchFilterTests {
    @Test func customFieldFilterIsSentInTheSearchBody() async throws {
        let transport = FakeTransport([.success(json(200, #"{"contacts":[]}"#))])
        _ = try await HighLevelClientFactory.make(transport)
            .searchContacts(pageLimit: 10, filters: GHLSearchFilter.customField("cf1", equals: "rec-1"))
        let filters = try #require(transport.requests.first?.jsonBody?["filters"] as? [[String: Any]])
        #expect(filters.first?["field"] as? String == "customFields.cf1")
        #expect(filters.first?["operator"] as? String == "eq")
        #expect(filters.first?["value"] as? String == "rec-1")
    }

    @Test func updatedSinceIsARangeOnDateUpdated() throws {
        let data = GHLSearchFilter.updatedSince(Date(timeIntervalSince1970: 1_767_323_045))
        let filters = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(filters.first?["field"] as? String == "dateUpdated")
        #expect((filters.first?["value"] as? [String: Any])?["gte"] as? String == "2026-01-02T03:04:05.000Z")
    }
}

@Suite struct GHLCreateRejectionTests {
    @Test func rejectedCreateSaysTheContactMayExistAnyway() async throws {
        let transport = FakeTransport([
            .success(
                json(
                    422,
                    #"{"statusCode":422,"message":["email must be an email"],"error":"Unprocessable Entity"}"#
                ))
        ])
        let error = await #expect(throws: APIError.self) {
            try await HighLevelClientFactory.make(transport).createContact(json: Data(#"{"email":"x"}"#.utf8))
        }
        #expect(error?.code == .rejected(status: 422))
        #expect(error?.message.contains("email must be an email") == true)
        #expect(error?.message.contains("look it up") == true)
    }
}

@Suite struct HighLevelSearchBytesTests {
    @Test func aSearchedContactKeepsItsJSONExactlyAsTheServerSentIt() async throws {
        let row = #"{ "id" : "a", "firstName": "Ann", "customFields": [{"id": "f1", "value": "x/y"}], "searchAfter": [1, "a"] }"#
        let transport = FakeTransport([.success(json(200, #"{"contacts":["# + row + #"],"total":1}"#))])
        let page = try await HighLevelClientFactory.make(transport).searchContacts()
        #expect(page.contacts.map { String(decoding: $0.json, as: UTF8.self) } == [row])
    }
}
