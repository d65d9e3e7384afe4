import Foundation
import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// The saved value of a resume cursor, or `nil`.
    public func cursor(_ name: String) async throws -> String? {
        try await read("read cursor \(name)") { tx in try await tx.value("SELECT value FROM cursors WHERE name = \(name)", as: String.self) }
    }

    /// Saves a cursor.
    public func setCursor(_ name: String, _ value: String) async throws {
        try await write("save cursor \(name)") { tx in try await tx.setCursor(name, value) }
    }

    /// Saves several cursors in one transaction.
    public func setCursors(_ values: [String: String]) async throws {
        try await write("save \(values.count) cursors") { tx in
            for (name, value) in values.sorted(by: { $0.key < $1.key }) { try await tx.setCursor(name, value) }
        }
    }

    /// Every resume cursor, by name.
    public func cursors() async throws -> [String: String] {
        try await read("read cursors") { tx in
            var cursors: [String: String] = [:]
            for row in try await tx.rows("SELECT name, value FROM cursors") {
                let (name, value) = try row.decode((String, String).self)
                cursors[name] = value
            }
            return cursors
        }
    }
}

extension PostgresTransaction {
    /// Saves a cursor in this transaction.
    func setCursor(_ name: String, _ value: String) async throws {
        try await execute(
            """
            INSERT INTO cursors (name, value, updated_at) VALUES (\(name), \(value), \(now))
            ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """)
    }
}
