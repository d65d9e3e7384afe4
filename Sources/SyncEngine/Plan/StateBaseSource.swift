import Foundation
import SyncStore

/// Bases for `fgsync plan --state`: read from a state file, which is not modified.
public struct StateBaseSource: BaseSource {
    let store: StateStore

    /// Opens the state file at `path`.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SyncEngineError(.state, "\(path): no such state file; omit --state to plan a first sync")
        }
        store = try StateStore.openReadOnly(path: path)
    }

    /// Every stored base and the mapping fingerprint.
    public func loadBases() throws -> StoredBases {
        StoredBases(bases: try store.loadAll().bases, mappingHash: try store.mappingHash())
    }
}
