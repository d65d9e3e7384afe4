import Foundation

/// One sync a command works on: its name and its state file.
public struct SyncTarget: Sendable, Hashable {
    /// The sync's name (`default` for a single-sync config or a bare `--state`).
    public var name: String
    /// The name to pass as `sync:` to the engine's jobs: `nil` for a single-sync config.
    public var sync: String?
    /// The sync's state file.
    public var statePath: String

    /// Creates a target.
    public init(name: String, sync: String?, statePath: String) {
        self.name = name
        self.sync = sync
        self.statePath = statePath
    }

    /// The syncs `--config`, `--state` and `--sync` select: `--state` alone names one state
    /// file; with `--config`, `--sync NAME` picks one sync and its absence picks every sync
    /// (each with its state file, `SyncSet.statePath`).
    public static func select(configPath: String?, stateOption: String?, sync: String?) throws -> [SyncTarget] {
        guard let configPath else {
            guard let stateOption else {
                throw SyncCoreError(.invalidConfig, "give --state STATE_FILE (or --config CONFIG, whose state file is fgsync.sqlite beside it)")
            }
            if let sync {
                throw SyncCoreError(.invalidConfig, "--sync \(sync) needs --config CONFIG, the file that names the syncs")
            }
            return [SyncTarget(name: SyncSet.singleName, sync: nil, statePath: stateOption)]
        }
        let set = try SyncSet.load(contentsOf: URL(fileURLWithPath: configPath))
        return try set.select(sync).map {
            SyncTarget(
                name: $0.name, sync: set.isSingle ? nil : $0.name,
                statePath: set.statePath(for: $0.name, configPath: configPath, stateOption: stateOption))
        }
    }

    /// The one sync a command that works on one (resolve, report, auth, rehearse) selects; a
    /// config of several without `--sync` is refused with the names to choose from.
    public static func one(configPath: String?, stateOption: String?, sync: String?) throws -> SyncTarget {
        let targets = try select(configPath: configPath, stateOption: stateOption, sync: sync)
        guard targets.count == 1, let only = targets.first else {
            throw SyncCoreError(.invalidConfig, "this config has \(targets.count) syncs (\(targets.map(\.name).joined(separator: ", "))); name one with --sync NAME")
        }
        return only
    }
}
