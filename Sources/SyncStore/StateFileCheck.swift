import Foundation
import GRDB

/// The checks an existing state file passes before fgsync opens it for real.
///
/// Opening a state file writes to it (WAL mode, migrations), so everything that would make
/// those writes wrong is checked first, on a read-only connection:
/// - a 0-byte file is not a new state: it is a lost one (run history, open conflicts and
///   decisions), and fgsync starts a new state only where no file exists;
/// - a read-only file or folder gets a message saying so (when the command must write);
/// - `PRAGMA quick_check` finds damaged pages (cheap: it skips the index-content cross-checks);
/// - another program's SQLite database is refused before fgsync writes anything into it.
struct StateFileCheck {
    let path: String
    let readOnly: Bool

    func run() throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if !readOnly { try checkFolderWritable() }
            return
        }
        if isDirectory.boolValue {
            throw StoreError(.notAStateFile, "\(path) is a folder, not a state file. Give the path of the state file (e.g. \(path)/fgsync.sqlite).", path: path)
        }
        let attributes = try? manager.attributesOfItem(atPath: path)
        if (attributes?[.size] as? NSNumber)?.int64Value == 0 {
            throw StoreError(
                .notAStateFile,
                "\(path) is empty (0 bytes): it is not a new state file but a lost or truncated one, and fgsync starts a new state only where no file exists. "
                    + "Restore the file from a backup; or, to start over (run history, open conflicts and decisions are lost; links are rebuilt from both systems), delete it and run again.",
                path: path)
        }
        if !readOnly {
            try checkWritable(path, what: "The state file", fix: "make it writable (chmod u+w \(path)), or give a writable copy with --state")
            try checkFolderWritable()
        }
        try inspect()
    }

    /// SQLite keeps its `-wal` and `-shm` files beside the state file: the folder must be writable.
    private func checkFolderWritable() throws {
        let folder = (path as NSString).deletingLastPathComponent
        let resolved = folder.isEmpty ? "." : folder
        guard FileManager.default.fileExists(atPath: resolved) else { return }  // reported by the open as a missing folder
        try checkWritable(resolved, what: "The folder of the state file", fix: "make the folder writable, or give a --state in a writable folder")
    }

    /// A path is read-only when the process may not write it, or when its owner marked it so (no
    /// write bit at all): fgsync honours that even when run as root.
    private func checkWritable(_ target: String, what: String, fix: String) throws {
        let mode = ((try? FileManager.default.attributesOfItem(atPath: target))?[.posixPermissions] as? NSNumber)?.intValue
        let noWriteBits = mode.map { $0 & 0o222 == 0 } ?? false
        guard FileManager.default.isWritableFile(atPath: target), !noWriteBits else {
            let shown = mode.map { " (mode \(String($0 & 0o777, radix: 8)))" } ?? ""
            throw StoreError(.readOnly, "\(what) \(target) is read-only\(shown); fgsync needs to write there. To fix: \(fix).", path: path)
        }
    }

    /// Opens the file read-only and checks its pages and its tables.
    private func inspect() throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "fgsync.state-check"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(5)")
                if problems != ["ok"] {
                    throw StoreError(
                        .damaged,
                        "The state file \(path) is damaged (SQLite quick_check: \(problems.prefix(3).joined(separator: "; "))). fgsync will not sync from it. "
                            + "Restore it from a backup; or move it away and run again to start a new state (links are rebuilt from both systems; run history, open conflicts and decisions are lost). Keep the damaged copy.",
                        path: path)
                }
                // Every GRDB application keeps a `grdb_migrations` table: the file is fgsync's only
                // when it records one of fgsync's own migrations (or none yet, with no foreign table).
                let applied = try db.tableExists("grdb_migrations")
                    ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
                let ours = !applied.isDisjoint(with: StateSchema.migrator.migrations)
                if !ours, try !applied.isEmpty || StateSchema.hasForeignTables(db) {
                    throw StoreError(
                        .notAStateFile,
                        "\(path) is an SQLite database but not an fgsync state file (it has tables fgsync did not create). "
                            + "Point fgsync at its own state file, or at a path that does not exist yet. Nothing was written to it.",
                        path: path)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            if error.resultCode.primaryResultCode == .SQLITE_CORRUPT {
                throw StoreError(
                    .damaged,
                    "The state file \(path) is damaged (\(error.message ?? "SQLite \(error.resultCode)")). Restore it from a backup, or move it away to start a new state; keep the damaged copy.",
                    path: path)
            }
            throw SQLiteStateStore.openError(error, path: path)
        }
    }
}
