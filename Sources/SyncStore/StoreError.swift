import Foundation

/// The one error type of `SyncStore`: a code a program can switch on, and a sentence for a
/// person that names the state file (and the record, when one is involved) and what to do next.
///
/// SQLite's own errors are wrapped rather than passed through, so callers never need to import
/// GRDB to handle a state-file failure.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for programs.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file could not be opened or created (missing folder, permissions, disk).
        case cannotOpen
        /// The file exists but is not an SQLite database, is empty (0 bytes), or is another
        /// program's database.
        case notAStateFile
        /// The file is an SQLite database whose pages are damaged (`PRAGMA quick_check` failed).
        case damaged
        /// The file or its folder is read-only, and the command needs to write.
        case readOnly
        /// The file was written by a newer fgsync: it holds migrations this build does not know.
        case newerFormat
        /// A schema migration failed; the file was left as it was before the migration.
        case migrationFailed
        /// A snapshot sequence number that was never begun, belongs to the other side, or is
        /// already finished.
        case snapshotNotOpen
        /// A Fulcrum record or GHL contact is already linked to another record.
        case linkConflict
        /// A journal entry that does not exist, or is not in the state the call expects.
        case journalEntryNotFound
        /// A run id that does not exist.
        case runNotFound
        /// A conflict id that does not exist or is no longer open.
        case conflictNotFound
        /// A stored value could not be decoded (written by a different projection format).
        case corruptValue
        /// Any other SQLite failure (disk full, I/O error, locked for too long).
        case database
        /// A copy of state (`StateCopy`) was aimed at a store that already holds state.
        case notEmpty
        /// Nothing was ever stored where the state was looked for (a database schema that does
        /// not exist yet), and it was opened for reading only.
        case noState
    }

    /// What went wrong, for programs.
    public var code: Code
    /// What went wrong and what to do next, for people.
    public var message: String
    /// The state file concerned.
    public var path: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// The message, prefixed with the code.
    public var description: String { "state file error (\(code.rawValue)): \(message)" }
}
