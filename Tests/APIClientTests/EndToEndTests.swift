import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncHTTP
import Testing

/// The clients against both simulators over real loopback HTTP (AsyncHTTPClient end to end).
@Suite(.serialized) struct EndToEndTests {
    static func record(_ formId: String, name: String) -> Data {
        Data(
            #"{"form_id":"\#(formId)","form_values":{"1a01":"\#(name)","1a03":"\#(name.lowercased())@example.com"}}"#
                .utf8)
    }

    @Test func fulcrumRecordLifecycleWithPagingAndHistory() async throws {
        try await Loopback.run { loop in
            let client = loop.fulcrum()
            let formId = loop.summary.fulcrum.formId
            var created: [FulcrumRecordData] = []
            for index in 1...5 {
                created.append(
                    try await client.createRecord(json: Self.record(formId, name: "Person\(index)")))
            }
            #expect(created.allSatisfy { $0.version == 1 && $0.formId == formId })

            let patched = try await client.patchRecord(
                id: created[0].id, json: Data(#"{"status":"done"}"#.utf8))
            #expect(patched.version == 2)
            let values = try patched.object()["form_values"] as? [String: Any]
            #expect(values?["1a01"] as? String == "Person1")

            var pages = 0
            var ids: [String] = []
            for try await page in client.records(formId: formId, perPage: 2) {
                pages += 1
                ids += page.records.map(\.id)
            }
            #expect(Set(created.map(\.id)).isSubset(of: Set(ids)))
            #expect(pages == (ids.count + 1) / 2)
            #expect(ids.count == Set(ids).count)

            try await client.deleteRecord(id: created[1].id)
            let gone = await #expect(throws: APIError.self) { try await client.record(id: created[1].id) }
            #expect(gone?.code == .notFound)

            var changes: [String: [FulcrumHistoryItem.Change]] = [:]
            for try await page in client.history(formId: formId, sequence: nil, perPage: 3) {
                for item in page.items { changes[item.record.id, default: []].append(item.change ?? .update) }
            }
            #expect(changes[created[0].id] == [.create, .update])
            #expect(changes[created[1].id] == [.create, .delete])
            #expect(client.stats.rateLimited == 0)
        }
    }

    @Test func fulcrumValidationAndRetriedServerErrors() async throws {
        try await Loopback.run { loop in
            let client = loop.fulcrum()
            let rejected = await #expect(throws: APIError.self) {
                try await client.createRecord(json: Data(#"{"form_values":{}}"#.utf8))
            }
            #expect(rejected?.code == .rejected(status: 422))
            #expect(rejected?.fieldErrors["form_id"]?.isEmpty == false)

            let made = try await client.createRecord(
                json: Self.record(loop.summary.fulcrum.formId, name: "Retry"))
            var faults = FaultConfig()
            faults.failNext = [.init(route: "/api/v2/records/:id", method: "GET", count: 2, status: 503)]
            loop.cluster.fulcrum.setFaults(faults)
            let read = try await client.record(id: made.id)
            #expect(read.id == made.id)
            #expect(client.stats.retries == 2)
        }
    }

    @Test func ghlContactLifecycleWithDuplicatesTagsAndDelete() async throws {
        try await Loopback.run { loop in
            let client = loop.ghl()
            let first = try await client.createContact(
                json: Data(#"{"firstName":"Ada","email":"ada@example.com"}"#.utf8))
            let duplicate = await #expect(throws: APIError.self) {
                try await client.createContact(
                    json: Data(#"{"firstName":"Ada2","email":"ada@example.com"}"#.utf8))
            }
            #expect(duplicate?.code == .duplicate(contactId: first.id, matchingField: "email"))

            let added = try await client.addTags(id: first.id, tags: ["vip", "lead"])
            #expect(Set(added).isSuperset(of: ["vip", "lead"]))
            let after = try await client.removeTags(id: first.id, tags: ["lead"])
            #expect(after.contains("vip") && !after.contains("lead"))

            let updated = try await client.updateContact(
                id: first.id, json: Data(#"{"lastName":"Lovelace","locationId":"ignored"}"#.utf8))
            #expect(try updated.object()["lastName"] as? String == "Lovelace")

            try await client.deleteContact(id: first.id)
            let gone = await #expect(throws: APIError.self) { try await client.contact(id: first.id) }
            #expect(gone?.code == .notFound)
        }
    }

    @Test func ghlDuplicateCheckFindsAContactByAnInternationalPhoneWhoseSignTravelsEncoded() async throws {
        try await Loopback.run(configure: { $0.ghl.searchLagMillis = 60_000 }) { loop in
            let client = loop.ghl()
            let created = try await client.createContact(
                json: Data(#"{"firstName":"Alan","email":"alan@example.org","phone":"+44 20 7946 0958"}"#.utf8))

            let byPhone = try await client.duplicateContact(phone: "+442079460958")
            let byEmail = try await client.duplicateContact(email: "Alan@Example.org")
            let nobody = try await client.duplicateContact(email: "grace@example.org")

            #expect(byPhone?.id == created.id)
            #expect(byEmail?.id == created.id)
            #expect(nobody == nil)
        }
    }

    @Test func ghlSearchPagesThroughEveryContactWithSearchAfter() async throws {
        try await Loopback.run { loop in
            let client = loop.ghl()
            var created: Set<String> = []
            for index in 1...7 {
                created.insert(
                    try await client.createContact(
                        json: Data(#"{"firstName":"P\#(index)","email":"p\#(index)@example.com"}"#.utf8)
                    ).id)
            }
            var pages = 0
            var seen: [String] = []
            for try await page in client.allContacts(pageLimit: 3) {
                pages += 1
                seen += page.contacts.map(\.id)
            }
            #expect(created.isSubset(of: Set(seen)))
            #expect(seen.count == Set(seen).count)
            #expect(pages >= 3)
        }
    }

    @Test func ghlOAuthExchangeThenExpiredTokenIsRefreshedOnceAndPersisted() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Loopback.run { loop in
            let file = folder.appendingPathComponent("ghl-tokens.json")
            let options = loop.options()
            let session = OAuthSession(
                tokenFile: file, clientId: loop.cluster.options.ghl.oauthClientId,
                clientSecret: loop.cluster.options.ghl.oauthClientSecret, transport: loop.transport,
                baseURL: URL(string: loop.summary.ghl.url)!, options: options,
                now: { Loopback.start })
            let code = await loop.cluster.ghl.store.issueAuthorizationCode()
            let first = try await session.exchange(code: code, redirectURI: "http://127.0.0.1/callback")
            let client = HighLevelClient(
                baseURL: URL(string: loop.summary.ghl.url)!, locationId: loop.summary.ghl.locationId,
                auth: .oauth(session), transport: loop.transport, options: options)
            let made = try await client.createContact(
                json: Data(#"{"firstName":"Oauth","email":"o@example.com"}"#.utf8))

            // A day and more passes on the server; the session's own clock does not know.
            loop.cluster.options.clock.advance(millis: 2 * 86_400_000)
            let read = try await client.contact(id: made.id)
            #expect(read.id == made.id)
            let stored = try #require(try TokenFile(url: file).load())
            #expect(stored.refreshToken != first.refreshToken)
            #expect(stored.accessToken != first.accessToken)
            let mode =
                (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?
                .intValue
            #expect(mode == 0o600)
            #expect(options.counters.snapshot().tokenRefreshes == 1)
        }
    }

    @Test func aClientHoldingAPairAnotherClientRefreshedUsesTheStoredPairWithoutRefreshingAgain() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Loopback.run { loop in
            // Two sessions on one token file, as `serve` and `doctor` beside it in two processes.
            let file = folder.appendingPathComponent("ghl-tokens.json")
            let url = URL(string: loop.summary.ghl.url)!
            func client(_ options: ClientOptions) -> (OAuthSession, HighLevelClient) {
                let session = OAuthSession(
                    tokenFile: file, clientId: loop.cluster.options.ghl.oauthClientId,
                    clientSecret: loop.cluster.options.ghl.oauthClientSecret, transport: loop.transport,
                    baseURL: url, options: options, now: { Loopback.start })
                return (session, HighLevelClient(
                    baseURL: url, locationId: loop.summary.ghl.locationId, auth: .oauth(session),
                    transport: loop.transport, options: options))
            }
            let (serveOptions, doctorOptions) = (loop.options(), loop.options())
            let (serveSession, serve) = client(serveOptions)
            let (_, doctor) = client(doctorOptions)
            let first = try await serveSession.exchange(
                code: await loop.cluster.ghl.store.issueAuthorizationCode(), redirectURI: "http://127.0.0.1/callback")
            let made = try await serve.createContact(json: Data(#"{"firstName":"Shared","email":"s@example.com"}"#.utf8))
            _ = try await doctor.contact(id: made.id)
            loop.cluster.options.clock.advance(millis: 2 * 86_400_000)
            _ = try await doctor.contact(id: made.id)

            // serve still holds the first pair; its refresh token was spent by doctor's refresh.
            let read = try await serve.contact(id: made.id)

            #expect(read.id == made.id)
            #expect(doctorOptions.counters.snapshot().tokenRefreshes == 1)
            #expect(serveOptions.counters.snapshot().tokenRefreshes == 0)
            let stored = try #require(try TokenFile(url: file).load())
            #expect(stored.refreshToken != first.refreshToken)
            #expect(try await serveSession.accessToken() == stored.accessToken)
        }
    }

    @Test func ghlPacingKeepsABurstUnderTheLimitWithout429s() async throws {
        try await Loopback.run(configure: { $0.ghl.burstLimit = 20 }) { loop in
            let options = loop.options()
            let client = loop.ghl(options)
            let made = try await client.createContact(
                json: Data(#"{"firstName":"Paced","email":"paced@example.com"}"#.utf8))
            for _ in 0..<60 { _ = try await client.contact(id: made.id) }
            let stats = options.counters.snapshot()
            #expect(stats.rateLimited == 0)
            #expect(stats.sent == 61)
            #expect(stats.pacedSends > 0)
        }
    }

    @Test func ghlSearchFiltersFindAContactByItsExternalIdAndByUpdateTime() async throws {
        try await Loopback.run { loop in
            let client = loop.ghl()
            let field = loop.summary.ghl.externalIdFieldId
            let made = try await client.createContact(
                json: Data(
                    #"{"firstName":"Linked","email":"linked@example.com","customFields":[{"id":"\#(field)","field_value":"rec-42"}]}"#
                        .utf8))
            _ = try await client.createContact(
                json: Data(#"{"firstName":"Other","email":"other@example.com"}"#.utf8))
            let byField = try await client.searchContacts(
                filters: GHLSearchFilter.customField(field, equals: "rec-42"))
            #expect(byField.contacts.map(\.id) == [made.id])
            let recent = try await client.searchContacts(
                filters: GHLSearchFilter.updatedSince(Loopback.start.addingTimeInterval(-60)))
            #expect(recent.contacts.count == 2)
            let future = try await client.searchContacts(
                filters: GHLSearchFilter.updatedSince(Loopback.start.addingTimeInterval(3_600)))
            #expect(future.contacts.isEmpty)
        }
    }

    @Test func droppedConnectionIsRetriedForAReadButNotForACreate() async throws {
        try await Loopback.run { loop in
            let client = loop.ghl()
            let made = try await client.createContact(
                json: Data(#"{"firstName":"Drop","email":"drop@example.com"}"#.utf8))
            var faults = FaultConfig()
            faults.failNext = [.init(route: "/contacts/:contactId", method: "GET", count: 1, status: 0)]
            loop.cluster.ghl.setFaults(faults)
            let read = try await client.contact(id: made.id)
            #expect(read.id == made.id)
            #expect(client.stats.retries == 1)

            faults.failNext = [.init(route: "/contacts/", method: "POST", count: 1, status: 0)]
            loop.cluster.ghl.setFaults(faults)
            let error = await #expect(throws: APIError.self) {
                try await client.createContact(
                    json: Data(#"{"firstName":"Once","email":"once@example.com"}"#.utf8))
            }
            #expect(error?.code == .transport || error?.code == .timeout)
            #expect(error?.message.contains("look the item up") == true)
            #expect(client.stats.retries == 1)
        }
    }

    @Test func ghlPacingHoldsWithFourRequestsInFlight() async throws {
        try await Loopback.run(configure: { $0.ghl.burstLimit = 20 }) { loop in
            var options = loop.options()
            options.maxConcurrentRequests = 4
            let client = loop.ghl(options)
            let made = try await client.createContact(
                json: Data(#"{"firstName":"Busy","email":"busy@example.com"}"#.utf8))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<80 { group.addTask { _ = try await client.contact(id: made.id) } }
                try await group.waitForAll()
            }
            let stats = options.counters.snapshot()
            #expect(stats.succeeded == 81)
            #expect(stats.rateLimited == 0)
        }
    }

    @Test func fulcrumUpdatedSinceReturnsOnlyLaterRecords() async throws {
        try await Loopback.run { loop in
            let client = loop.fulcrum()
            let formId = loop.summary.fulcrum.formId
            let early = try await client.createRecord(json: Self.record(formId, name: "Early"))
            loop.cluster.options.clock.advance(millis: 120_000)
            let late = try await client.createRecord(json: Self.record(formId, name: "Late"))
            let since = Loopback.start.addingTimeInterval(60)
            var ids: [String] = []
            for try await page in client.records(formId: formId, updatedSince: since, perPage: 50) {
                ids += page.records.map(\.id)
            }
            #expect(ids.contains(late.id))
            #expect(!ids.contains(early.id))
        }
    }
}
