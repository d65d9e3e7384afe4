import Foundation
import SyncStore

/// The state for `fgsync plan --state`: a scratch copy of the state file, which is never
/// opened itself, so planning cannot change it.
public struct StateBaseSource: BaseSource {
    /// The state file.
    public let path: String

    /// Names the state file at `path`.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SyncEngineError(.state, "\(path): no such state file; omit --state to plan a first sync")
        }
        self.path = path
    }

    /// A scratch copy of the file.
    public func scratchState() async throws -> ScratchState {
        try ScratchState(copying: path)
    }

    /// Every stored base and the mapping fingerprint, read from a copy.
    public func loadBases() async throws -> StoredBases {
        let scratch = try await scratchState()
        defer { scratch.remove() }
        return StoredBases(bases: try await scratch.store.loadAll().bases, mappingHash: try await scratch.store.mappingHash())
    }
}
