import Foundation
import Simulators
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

struct SimulatorClusterTests {
    static func get(_ url: String, headers: [String: String]) async throws -> (Int, JSONValue) {
        var request = URLRequest(url: URL(string: url)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, (try? JSONValue.parse(data)) ?? .null)
    }

    @Test func clusterBindsFreePortsServesBothAPIsAndStops() async throws {
        var options = SimulatorOptions()
        options.clock = SimClock(start: Fixture.start)
        options.seed.ghlContacts = [["firstName": "Seeded"]]
        let cluster = await SimulatorCluster(options: options)
        let summary = try await cluster.start()
        #expect(summary.fulcrum.url.hasPrefix("http://127.0.0.1:"))
        #expect(summary.ghl.locationId == Fixture.locationId)
        let (fulcrumStatus, forms) = try await Self.get(
            summary.fulcrum.url + "/api/v2/forms/\(summary.fulcrum.formId).json",
            headers: ["X-ApiToken": summary.fulcrum.token])
        #expect(fulcrumStatus == 200)
        #expect(forms["form"]?["name"] == "Contacts")
        let (ghlStatus, list) = try await Self.get(
            summary.ghl.url + "/contacts/?locationId=\(summary.ghl.locationId)",
            headers: ["Authorization": "Bearer \(summary.ghl.token)", "Version": "2021-07-28"])
        #expect(ghlStatus == 200)
        #expect(list["contacts"]?.arrayValue?.count == 1)
        await cluster.stop()
        await #expect(throws: (any Error).self) {
            _ = try await Self.get(summary.fulcrum.url + "/api/v2/forms", headers: [:])
        }
    }

    @Test func legacyListNextPageUrlLeadsBackToTheSameServerAndPort() async throws {
        var options = SimulatorOptions()
        options.clock = SimClock(start: Fixture.start)
        options.seed.ghlContacts = [["firstName": "One"], ["firstName": "Two"], ["firstName": "Three"]]
        let cluster = await SimulatorCluster(options: options)
        let summary = try await cluster.start()
        let headers = ["Authorization": "Bearer \(summary.ghl.token)", "Version": "2021-07-28"]
        var next: String? = summary.ghl.url + "/contacts/?locationId=\(summary.ghl.locationId)&limit=1"
        var names: [String] = []
        var followed: [String] = []
        while let url = next, names.count < 10 {
            let (status, page) = try await Self.get(url, headers: headers)
            #expect(status == 200, "\(url)")
            names += page["contacts"]?.arrayValue?.compactMap { $0["firstName"]?.stringValue } ?? []
            next = page["meta"]?["nextPageUrl"]?.stringValue
            if let next { followed.append(next) }
        }
        await cluster.stop()
        #expect(names == ["One", "Two", "Three"])
        #expect(followed.count == 2)
        #expect(followed.allSatisfy { $0.hasPrefix(summary.ghl.url + "/contacts/?") }, "\(followed)")
    }

    @Test func summaryEncodesTheDocumentedShapeAndConfigCarriesNoToken() throws {
        let summary = SimulatorSummary(
            fulcrum: .init(url: "http://127.0.0.1:1", token: "ftok", formId: "form"),
            ghl: .init(
                url: "http://127.0.0.1:2", token: "gtok", locationId: "loc", externalIdFieldId: "field"))
        let json = try JSONValue.parse(JSONEncoder().encode(summary))
        #expect(Set(json["fulcrum"]!.objectValue!.keys) == ["url", "token", "formId"])
        #expect(Set(json["ghl"]!.objectValue!.keys) == ["url", "token", "locationId", "externalIdFieldId"])
        let yaml = summary.fgsyncConfigYAML()
        #expect(!yaml.contains("ftok") && !yaml.contains("gtok"))
        #expect(yaml.contains("ghl_custom_field: field"))
    }

    @Test func dataDirectoryKeepsStateBetweenRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fgsync-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = await FulcrumSimulator(clock: SimClock(start: Fixture.start), dataDirectory: directory)
        let created = await first.handle(
            SimRequest(
                method: "POST", path: "/api/v2/records.json", headers: ["X-ApiToken": Fixture.fulcrumToken],
                body: Body.record(["1a01": "Kept"]).serialized()))
        #expect(created.status == 200)
        let second = await FulcrumSimulator(clock: SimClock(start: Fixture.start), dataDirectory: directory)
        #expect(await second.store.allRecords().map { $0.formValues["1a01"] } == ["Kept"])
    }

    @Test func aRestoredStateNeverHandsOutAnIdAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fgsync-sim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let create = SimRequest(
            method: "POST", path: "/contacts/",
            headers: ["Authorization": "Bearer \(Fixture.ghlToken)", "Version": "2021-07-28"],
            body: Body.contact(["firstName": "A"]).serialized())
        let first = await GHLSimulator(
            clock: SimClock(start: Fixture.start), randomSeed: 5, dataDirectory: directory)
        #expect(await first.handle(create).status == 201)
        let second = await GHLSimulator(
            clock: SimClock(start: Fixture.start), randomSeed: 5, dataDirectory: directory)
        #expect(await second.handle(create).status == 201)
        #expect(await second.store.allContacts().count == 2)
    }
}
