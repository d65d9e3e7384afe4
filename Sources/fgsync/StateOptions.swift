import ArgumentParser
import Foundation
import SyncCore

/// `--state` / `--config` / `--sync`: which syncs, and so which state files, a command reads.
struct StateOptions: ParsableArguments {
    @Option(help: "The state file (a folder of them for a config with a syncs: list).") var state: String?
    @Option(help: "The fgsync YAML mapping; the state file defaults to fgsync.sqlite beside it (fgsync-NAME.sqlite per sync of a syncs: list).")
    var config: String?
    @Option(help: "The sync of a syncs: config to work on (default: every sync where a command can take several).")
    var sync: String?

    /// Every sync selected.
    func targets() throws -> [SyncTarget] {
        try SyncTarget.select(configPath: config, stateOption: state, sync: sync)
    }

    /// The one sync selected (a config of several needs `--sync`).
    func target() throws -> SyncTarget {
        try SyncTarget.one(configPath: config, stateOption: state, sync: sync)
    }
}
