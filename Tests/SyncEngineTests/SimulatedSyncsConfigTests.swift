import Foundation
import Simulators
import SyncCore
import Testing

/// The config `fgsync simulate --locations 3 --write-config` writes, read by the `syncs:` loader.
struct SimulatedSyncsConfigTests {
    @Test func theWrittenConfigOfThreeLocationsLoadsAsThreeSyncsEachWithItsPair() async throws {
        var options = SimulatorOptions()
        options.locations = 3
        let summary = await SimulatorCluster(options: options).summary(fulcrumPort: 1, ghlPort: 2)

        let set = try SyncSet.load(yaml: summary.fgsyncConfigYAML(), source: "simulate --locations 3")

        let syncs = try #require(summary.syncs)
        #expect(set.entries.map(\.name) == syncs.map(\.name))
        for (entry, sync) in zip(set.entries, syncs) {
            #expect(entry.config.fulcrum.id == sync.formId)
            #expect(entry.config.ghl.id == sync.locationId)
            #expect(entry.config.ghlLinkField == sync.externalIdFieldId)
            #expect(entry.config.fulcrum.tokenEnv == "FULCRUM_TOKEN")
            #expect(entry.config.ghl.tokenEnv == "GHL_TOKEN")
            #expect(entry.config.fields.count == set.entries[0].config.fields.count)
        }
    }

    @Test func aOneLocationConfigStaysASingleSync() async throws {
        let summary = await SimulatorCluster(options: SimulatorOptions()).summary(fulcrumPort: 1, ghlPort: 2)
        let set = try SyncSet.load(yaml: summary.fgsyncConfigYAML(), source: "simulate")
        #expect(set.isSingle)
        #expect(summary.syncs == nil)
    }
}
