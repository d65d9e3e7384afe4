import Foundation

/// The checkout's `fixtures/` folder, for tests that read a file of it by path.
public enum Fixtures {
    /// `fixtures/`, found from this file's place in the checkout.
    public static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // checkout
            .appendingPathComponent("fixtures")
    }

    /// A file under `fixtures/`, e.g. `syncs/config.yaml`.
    public static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}
