import Foundation

extension TokenFile {
    /// The lock file processes take before refreshing: `<token file>.lock` in the same folder.
    var lockURL: URL { url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".lock") }

    /// Waits for the exclusive lock on `lockURL`.
    func lock() async throws -> TokenFileLock { try await TokenFileLock.acquire(lockURL) }
}
