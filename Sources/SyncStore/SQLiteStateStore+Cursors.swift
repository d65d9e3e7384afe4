import Foundation
import GRDB

extension SQLiteStateStore {
    /// The saved value of a resume cursor (e.g. `fulcrum.history.sequence`), or `nil`.
    public func cursor(_ name: String) async throws -> String? {
        try await read("read cursor \(name)") { db in
            try String.fetchOne(db, sql: "SELECT value FROM cursors WHERE name = ?", arguments: [name])
        }
    }

    /// Saves a cursor. Advance cursors only after the batch they cover is applied; to do both
    /// atomically, use `StoreTransaction.setCursor` inside `transaction`.
    public func setCursor(_ name: String, _ value: String) async throws {
        try await transaction { try $0.setCursor(name, value) }
    }

    /// Saves several cursors in one transaction.
    public func setCursors(_ values: [String: String]) async throws {
        try await transaction { tx in
            for (name, value) in values.sorted(by: { $0.key < $1.key }) { try tx.setCursor(name, value) }
        }
    }
}

extension StoreTransaction {
    /// Saves a cursor in this transaction.
    public func setCursor(_ name: String, _ value: String) throws {
        try db.execute(
            sql: """
                INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
            arguments: [name, value, now])
    }
}
