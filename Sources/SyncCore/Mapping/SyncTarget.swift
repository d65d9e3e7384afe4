import Foundation

/// One sync a command works on: its name and where its state lives.
public struct SyncTarget: Sendable, Hashable {
    /// The sync's name (`default` for a single-sync config or a bare `--state`).
    public var name: String
    /// The name to pass as `sync:` to the engine's jobs: `nil` for a single-sync config.
    public var sync: String?
    /// The sync's state file; with state in PostgreSQL, the file name its local companions
    /// (the OAuth token file, the run lock of a command without a database lease) start from.
    public var statePath: String
    /// Where the sync's state lives: `.file(statePath)`, or a PostgreSQL schema (`state.url_env`).
    public var state: StateLocation

    /// Creates a target; the state is the file at `statePath` unless `state` says otherwise.
    public init(name: String, sync: String?, statePath: String, state: StateLocation? = nil) {
        self.name = name
        self.sync = sync
        self.statePath = statePath
        self.state = state ?? .file(statePath)
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
        return try set.select(sync).map { entry in
            let urlEnv = entry.config.state.urlEnv
            if let urlEnv, let stateOption {
                throw SyncCoreError(
                    .invalidConfig,
                    "this config keeps its state in the database named by state.url_env (\(urlEnv)), so --state \(stateOption) would not be used; leave --state out, or remove state: from the config to keep SQLite files")
            }
            return SyncTarget(
                name: entry.name, sync: set.isSingle ? nil : entry.name,
                statePath: set.statePath(for: entry.name, configPath: configPath, stateOption: stateOption),
                state: set.stateLocation(for: entry, configPath: configPath, stateOption: stateOption))
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
