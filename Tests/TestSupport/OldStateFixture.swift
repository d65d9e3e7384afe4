import Foundation

/// `fixtures/state-v4`: a state file written by fgsync before schema v5, with the simulator
/// data it was reconciled against (see its README); `fixtures/state-v6`: one written before
/// schema v7 against the same data.
public enum OldStateFixture {
    /// The fixture folder, found from this file's place in the checkout.
    public static var folder: URL {
        Fixtures.url("state-v4")
    }

    /// Copies the state file of fixture `name` (`state-v4` or `state-v6`) to `path` (the
    /// fixture itself is never opened for writing).
    public static func copyState(_ name: String = "state-v4", to path: String) throws {
        try FileManager.default.copyItem(
            at: Fixtures.url(name).appendingPathComponent("state.sqlite"), to: URL(fileURLWithPath: path))
    }

    /// Copies the simulators' saved data into `directory` (their `--data-dir`).
    public static func copySimulatorData(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["fulcrum.json", "ghl.json"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
    }
}
