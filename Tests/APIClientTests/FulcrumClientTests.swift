import Foundation
import FulcrumAPI
import SyncHTTP
import Testing

enum FulcrumClientFactory {
    static let token = "fulcrum-secret-token-1234"

    static func make(
        _ transport: any HTTPTransport, _ options: ClientOptions = testOptions(), hourlyLimit: Int = 5_000
    )
        -> FulcrumClient
    {
        FulcrumClient(
            baseURL: testURL, token: token, transport: transport, options: options, hourlyLimit: hourlyLimit)
    }
}

@Suite struct FulcrumClientTests {
    let record =
        #"{"record":{"id":"r1","form_id":"f1","version":3,"updated_at":"2026-01-02T03:04:05Z","form_values":{"a1b2":"x"},"future_field":{"nested":[1,2]}}}"#

    @Test func everyRequestCarriesTheTokenAndAcceptHeader() async throws {
        let transport = FakeTransport([.success(json(200, record))])
        _ = try await FulcrumClientFactory.make(transport).record(id: "r1")
        let request = try #require(transport.requests.first)
        #expect(request.headers["X-ApiToken"] == FulcrumClientFactory.token)
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["X-SkipWebhooks"] == nil)
        #expect(request.url.path == "/api/v2/records/r1.json")
    }

    @Test(arguments: ["create", "patch", "replace", "delete"])
    func everyWriteSendsSkipWebhooks(operation: String) async throws {
        let transport = FakeTransport([.success(json(200, record))])
        let client = FulcrumClientFactory.make(transport)
        let body = Data(#"{"form_id":"f1","form_values":{}}"#.utf8)
        switch operation {
        case "create": _ = try await client.createRecord(json: body)
        case "patch": _ = try await client.patchRecord(id: "r1", json: body)
        case "replace": _ = try await client.replaceRecord(id: "r1", json: body)
        default: try await client.deleteRecord(id: "r1")
        }
        let request = try #require(transport.requests.first)
        #expect(request.headers["X-SkipWebhooks"] == "true")
        #expect(request.headers["X-ApiToken"] == FulcrumClientFactory.token)
        if operation != "delete" {
            #expect(request.headers["Content-Type"] == "application/json")
            #expect((request.jsonBody?["record"] as? [String: Any])?["form_id"] as? String == "f1")
        }
    }

    @Test func writesUseTheDocumentedMethods() async throws {
        let transport = FakeTransport([.success(json(200, record))])
        let client = FulcrumClientFactory.make(transport)
        let body = Data("{}".utf8)
        _ = try await client.createRecord(json: body)
        _ = try await client.patchRecord(id: "r1", json: body)
        _ = try await client.replaceRecord(id: "r1", json: body)
        try await client.deleteRecord(id: "r1")
        #expect(transport.requests.map(\.method) == [.post, .patch, .put, .delete])
        #expect(
            transport.requests.map(\.url.path) == [
                "/api/v2/records.json", "/api/v2/records/r1.json", "/api/v2/records/r1.json",
                "/api/v2/records/r1.json",
            ])
    }

    @Test func recordKeepsUnknownFieldsAndReadsTypedOnes() async throws {
        let transport = FakeTransport([.success(json(200, record))])
        let result = try await FulcrumClientFactory.make(transport).record(id: "r1")
        #expect(result.id == "r1")
        #expect(result.formId == "f1")
        #expect(result.version == 3)
        #expect(result.updatedAt == Date(timeIntervalSince1970: 1_767_323_045))
        let object = try result.object()
        #expect((object["future_field"] as? [String: Any])?["nested"] as? [Int] == [1, 2])
    }

    @Test func pagingStopsAtTotalPages() async throws {
        let transport = FakeTransport { request, _ in
            let page = Int(
                URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
                    .queryItems!.first { $0.name == "page" }!.value!)!
            return json(
                200,
                #"{"records":[{"id":"r\#(page)"}],"current_page":\#(page),"total_pages":3,"total_count":3,"per_page":1}"#
            )
        }
        var ids: [String] = []
        for try await page in FulcrumClientFactory.make(transport).records(formId: "f1", perPage: 1) {
            ids += page.records.map(\.id)
        }
        #expect(ids == ["r1", "r2", "r3"])
        #expect(transport.requests.count == 3)
        let query = URLComponents(url: transport.requests[0].url, resolvingAgainstBaseURL: false)!.queryItems!
        #expect(query.contains(URLQueryItem(name: "form_id", value: "f1")))
        #expect(query.contains(URLQueryItem(name: "per_page", value: "1")))
    }

    @Test func updatedSinceIsSentAsWholeEpochSeconds() async throws {
        let transport = FakeTransport([
            .success(
                json(200, #"{"records":[],"current_page":1,"total_pages":0,"total_count":0,"per_page":10}"#))
        ])
        _ = try await FulcrumClientFactory.make(transport)
            .recordsPage(formId: "f1", updatedSince: Date(timeIntervalSince1970: 1_700_000_000.9))
        let query = URLComponents(url: transport.requests[0].url, resolvingAgainstBaseURL: false)!.queryItems!
        #expect(query.contains(URLQueryItem(name: "updated_since", value: "1700000000")))
    }

    @Test func historyFollowsNextSequenceUntilNull() async throws {
        let transport = FakeTransport([
            .success(
                json(
                    200,
                    #"{"records":[{"id":"a","history_change_type":"c","sequence":11}],"next_sequence":11}"#)),
            .success(
                json(
                    200,
                    #"{"records":[{"id":"a","history_change_type":"d","sequence":12}],"next_sequence":null}"#)
            ),
        ])
        var changes: [FulcrumHistoryItem.Change?] = []
        for try await page in FulcrumClientFactory.make(transport).history(formId: "f1", sequence: 10) {
            changes += page.items.map(\.change)
        }
        #expect(changes == [.create, .delete])
        let sequences = transport.requests.map {
            URLComponents(url: $0.url, resolvingAgainstBaseURL: false)!.queryItems!.first {
                $0.name == "sequence"
            }?.value
        }
        #expect(sequences == ["10", "11"])
    }

    @Test func historyRefusesASequenceThatDoesNotAdvance() async throws {
        let transport = FakeTransport([.success(json(200, #"{"records":[{"id":"a"}],"next_sequence":10}"#))])
        let error = await #expect(throws: APIError.self) {
            for try await _ in FulcrumClientFactory.make(transport).history(formId: "f1", sequence: 10) {}
        }
        #expect(error?.code == .repeatedCursor)
        #expect(transport.requests.count == 1)
    }

    @Test func missingRecordIsNotFound() async throws {
        let transport = FakeTransport([.success(json(404, "{}"))])
        let error = await #expect(throws: APIError.self) {
            try await FulcrumClientFactory.make(transport).record(id: "gone")
        }
        #expect(error?.code == .notFound)
        #expect(error?.route == "GET /api/v2/records/{id}.json")
    }

    @Test func validationFailureCarriesTheFieldErrors() async throws {
        let transport = FakeTransport([
            .success(json(422, #"{"record":{"errors":{"form_id":["cannot be blank"]}}}"#))
        ])
        let error = await #expect(throws: APIError.self) {
            try await FulcrumClientFactory.make(transport).createRecord(json: Data("{}".utf8))
        }
        #expect(error?.code == .rejected(status: 422))
        #expect(error?.fieldErrors == ["form_id": ["cannot be blank"]])
        #expect(error?.description.contains("form_id cannot be blank") == true)
    }

    @Test func formReturnsTheRawBody() async throws {
        let body = #"{"form":{"id":"f1","elements":[]}}"#
        let transport = FakeTransport([.success(json(200, body))])
        let data = try await FulcrumClientFactory.make(transport).form(id: "f1")
        #expect(String(decoding: data, as: UTF8.self) == body)
        #expect(transport.requests[0].url.path == "/api/v2/forms/f1.json")
    }
}

@Suite struct FulcrumBodyTests {
    @Test(arguments: [#"{"form_id":"f1"}"#, #"{"record":{"form_id":"f1"}}"#])
    func bodyIsWrappedInRecordExactlyOnce(body: String) async throws {
        let transport = FakeTransport([.success(json(200, #"{"record":{"id":"r1"}}"#))])
        _ = try await FulcrumClientFactory.make(transport).createRecord(json: Data(body.utf8))
        let sent = try #require(transport.requests.first?.jsonBody)
        #expect(sent.keys.sorted() == ["record"])
        #expect((sent["record"] as? [String: Any])?["form_id"] as? String == "f1")
    }
}

@Suite struct FulcrumRecordBytesTests {
    @Test func aListedRecordKeepsItsJSONExactlyAsTheServerSentIt() async throws {
        let record = #"{ "id" : "r1", "form_id": "f1", "version": 3, "form_values": {"1a01": "Ann/Lee"} }"#
        let body = #"{"records":["# + record + #"],"current_page":1,"total_pages":1,"total_count":1,"per_page":10}"#
        let transport = FakeTransport([.success(json(200, body))])
        let page = try await FulcrumClientFactory.make(transport).recordsPage(formId: "f1")
        #expect(page.records.map { String(decoding: $0.json, as: UTF8.self) } == [record])
        #expect(page.records.first?.version == 3)
    }
}
