import ArgumentParser
import Foundation

/// `--state` / `--config`: which state file a command reads.
struct StateOptions: ParsableArguments {
    @Option(help: "The state file.") var state: String?
    @Option(help: "The fgsync YAML mapping; the state file defaults to fgsync.sqlite beside it.") var config: String?

    /// The state file's path.
    func statePath() throws -> String {
        if let state { return state }
        guard let config else { throw ValidationError("give --state STATE_FILE (or --config CONFIG, whose state file is fgsync.sqlite beside it)") }
        return URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent("fgsync.sqlite").path
    }
}
