import Foundation
import Simulators
import Testing

/// `fgsync simulate --locations N`: N (form, location) pairs in the summary and the written config.
struct SimulateLocationsTests {
    static func summary(locations: Int) async -> SimulatorSummary {
        var options = SimulatorOptions()
        options.locations = locations
        return await SimulatorCluster(options: options).summary(fulcrumPort: 1, ghlPort: 2)
    }

    @Test func aThreeLocationSummaryKeepsTheFirstPairsKeysAndListsEverySync() async throws {
        let summary = await Self.summary(locations: 3)
        let json = try JSONValue.parse(JSONEncoder().encode(summary))

        #expect(Set(json["fulcrum"]!.objectValue!.keys) == ["url", "token", "formId"])
        #expect(Set(json["ghl"]!.objectValue!.keys) == ["url", "token", "locationId", "externalIdFieldId", "companyId"])
        let syncs = try #require(json["syncs"]?.arrayValue)
        #expect(syncs.map { Set($0.objectValue!.keys) } == Array(repeating: ["name", "formId", "locationId"], count: 3))
        #expect(syncs.compactMap { $0["name"]?.stringValue } == ["loc-1", "loc-2", "loc-3"])
        #expect(syncs.first?["formId"] == json["fulcrum"]?["formId"])
        #expect(syncs.first?["locationId"] == json["ghl"]?["locationId"])
        #expect(Set(syncs.compactMap { $0["locationId"]?.stringValue }).count == 3)
        #expect(Set(syncs.compactMap { $0["formId"]?.stringValue }).count == 3)
    }

    @Test func aThreeLocationConfigHasOneEntryPerPairWithItsOwnLinkFieldAndNoToken() async throws {
        let summary = await Self.summary(locations: 3)
        let yaml = summary.fgsyncConfigYAML()

        for sync in try #require(summary.syncs) {
            #expect(yaml.contains("- name: \(sync.name)\n"))
            #expect(yaml.contains("form_id: \(sync.formId)\n"))
            #expect(yaml.contains("location_id: \(sync.locationId)\n"))
            #expect(yaml.contains("ghl_custom_field: \(sync.externalIdFieldId)\n"))
        }
        #expect(yaml.components(separatedBy: "mapping: contacts").count == 4)
        #expect(!yaml.contains(summary.ghl.token) && !yaml.contains(summary.fulcrum.token))
    }
}
