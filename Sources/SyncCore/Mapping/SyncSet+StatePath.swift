import Foundation

extension SyncSet {
    /// The state file of sync `name`.
    ///
    /// A single-sync config keeps `fgsync.sqlite` beside the config, or the file `--state`
    /// names. A `syncs:` config keeps `fgsync-<name>.sqlite` beside the config, or in the
    /// folder `--state` names, so every sync has its own base, cursors, runs and reports.
    public func statePath(for name: String, configPath: String, stateOption: String?) -> String {
        let folder = URL(fileURLWithPath: configPath).deletingLastPathComponent()
        if isSingle {
            return stateOption ?? folder.appendingPathComponent("fgsync.sqlite").path
        }
        let base = stateOption.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? folder
        return base.appendingPathComponent("fgsync-\(name).sqlite").path
    }

    /// Where sync `name` keeps its state: its schema of the database `state.url_env` names, or
    /// its state file (`statePath`).
    public func stateLocation(for entry: Entry, configPath: String, stateOption: String?) -> StateLocation {
        entry.config.stateLocation(sync: entry.name, statePath: statePath(for: entry.name, configPath: configPath, stateOption: stateOption))
    }
}
