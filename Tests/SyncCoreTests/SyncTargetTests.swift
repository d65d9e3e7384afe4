import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 15 item 1: `--config`, `--state` and `--sync` select the syncs a command works on and
/// their state files.
struct SyncTargetTests {
    static let many = Fixtures.url("syncs/config.yaml").path
    static let single = Fixtures.url("demo/config.yaml").path
    static var folder: String { Fixtures.url("syncs").path }

    @Test(arguments: [
        (many, nil, nil, ["north", "south", "field-crew"]),
        (many, "south", nil, ["south"]),
        (many, nil, "/data", ["north", "south", "field-crew"]),
        (single, nil, nil, ["default"]),
    ] as [(String, String?, String?, [String])])
    func theSyncsSelectedAreTheOneNamedOrEveryOne(_ config: String, _ sync: String?, _ state: String?, _ names: [String]) throws {
        let targets = try SyncTarget.select(configPath: config, stateOption: state, sync: sync)
        #expect(targets.map(\.name) == names)
    }

    @Test func aSyncsConfigsTargetsCarryTheirNamesAndStateFiles() throws {
        let targets = try SyncTarget.select(configPath: Self.many, stateOption: "/data", sync: nil)
        #expect(targets.map(\.sync) == ["north", "south", "field-crew"])
        #expect(targets.map(\.statePath) == ["/data/fgsync-north.sqlite", "/data/fgsync-south.sqlite", "/data/fgsync-field-crew.sqlite"])
    }

    @Test func aSingleSyncConfigsTargetPassesNoSyncNameAndKeepsTodaysStateFile() throws {
        let target = try SyncTarget.one(configPath: Self.single, stateOption: nil, sync: nil)
        #expect(target.sync == nil)
        #expect(target.statePath == Fixtures.url("demo/fgsync.sqlite").path)
    }

    @Test func aStateFileAloneIsOneSync() throws {
        let target = try SyncTarget.one(configPath: nil, stateOption: "/data/s.sqlite", sync: nil)
        #expect(target == SyncTarget(name: "default", sync: nil, statePath: "/data/s.sqlite"))
    }

    @Test(arguments: [
        (nil, nil, nil, "give --state STATE_FILE"),
        (nil, "/data/s.sqlite", "north", "--sync north needs --config CONFIG"),
        (many, nil, nil, "this config has 3 syncs (north, south, field-crew); name one with --sync NAME"),
        (many, nil, "west", "no sync is named \"west\""),
    ] as [(String?, String?, String?, String)])
    func aCommandOnOneSyncRefusesAnAmbiguousOrUnknownChoice(_ config: String?, _ state: String?, _ sync: String?, _ message: String) {
        let error = #expect(throws: SyncCoreError.self) { try SyncTarget.one(configPath: config, stateOption: state, sync: sync) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
