import Foundation
import SyncStore

/// A throw-away state file for runs that must leave the real one untouched: `fgsync plan` and
/// `reconcile --dry-run`.
///
/// Such a run goes through exactly the code a real run does (snapshot into mirrors, settle the
/// journal, plan from the store), so it needs a store to write into. It gets a copy: the real
/// file and its `-wal` are copied byte for byte into a private temporary folder (under the run
/// lock, so no run is half-way through a write), and everything the run records lands in the
/// copy, which is deleted afterwards. The real file, `-wal` and `-shm` are never opened.
public final class ScratchState: Sendable {
    /// The scratch store.
    public let store: SQLiteStateStore
    /// The private folder holding the copy; removed by `remove()` or when freed.
    let directory: URL

    /// An empty scratch store: a first sync.
    public convenience init() throws {
        try self.init(copying: nil)
    }

    /// A scratch copy of the state file at `path`; an empty store when there is none.
    ///
    /// - Throws: `SyncEngineError` (`.locked` while a run holds the file, `.state` when it cannot
    ///   be copied) or the `StoreError` opening the copy gives, naming `path`, not the copy.
    public init(copying given: String?) throws {
        // Through a symlink, the copy would be a link to the real file: copy the file itself.
        let path = given.map { RunLock.realPath(of: $0) }
        let manager = FileManager.default
        directory = manager.temporaryDirectory.appendingPathComponent(Self.folderPrefix + UUID().uuidString)
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SyncEngineError(.state, "cannot create a scratch folder in \(manager.temporaryDirectory.path) (\(error.localizedDescription)); set TMPDIR to a writable folder")
        }
        let copy = directory.appendingPathComponent("state.sqlite").path
        do {
            if let path, manager.fileExists(atPath: path) {
                try Self.copyFiles(of: path, to: copy)
            }
            do {
                store = try SQLiteStateStore(path: copy)
            } catch let error as StoreError {
                guard let path else { throw error }
                throw StoreError(error.code, error.message.replacingOccurrences(of: copy, with: path), path: path)
            }
        } catch {
            try? manager.removeItem(at: directory)
            throw error
        }
    }

    /// A scratch copy of `store`'s state.
    ///
    /// - Throws: `SyncEngineError.state` when the state is not kept in a file that can be copied.
    public convenience init(copying store: any StateStore) throws {
        guard let file = store as? SQLiteStateStore else {
            throw SyncEngineError(
                .state, "a dry run works on a copy of the state, and the state in \(store.location) is not a file that can be copied; run the dry run against a state file")
        }
        try self.init(copying: file.path)
    }

    /// Copies the database and its write-ahead log (the `-shm` index is rebuilt from them).
    private static func copyFiles(of path: String, to copy: String) throws {
        // The lock keeps a run from writing while the files are copied; a folder where no lock
        // file can be made (read-only) cannot hold a running writer either.
        var lock: RunLock?
        do {
            lock = try RunLock(statePath: path)
        } catch let error as SyncEngineError where error.code != .locked {
            lock = nil
        }
        defer { withExtendedLifetime(lock) {} }
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            do {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
                // The copy is ours to write, even when the real file is read-only.
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy + suffix)
            } catch {
                throw SyncEngineError(.state, "\(path + suffix): cannot be read for a dry run (\(error.localizedDescription)); check its permissions")
            }
        }
    }

    /// Whether `store` is a scratch copy (made by a `ScratchState`), rather than a real state file.
    public static func holds(_ store: any StateStore) -> Bool {
        URL(fileURLWithPath: store.location).deletingLastPathComponent().lastPathComponent.hasPrefix(folderPrefix)
    }

    /// The scratch folders' name prefix.
    static let folderPrefix = "fgsync-scratch-"

    /// Closes and deletes the copy.
    public func remove() {
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
