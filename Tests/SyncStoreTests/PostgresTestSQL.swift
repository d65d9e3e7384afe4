import Logging
import PostgresNIO
@testable import SyncStorePostgres

/// Raw SQL against the test server, outside any store: what tests use to fake a newer fgsync's
/// schema and to drop the schemas they made.
enum PostgresTestSQL {
    /// Runs `statements` in order on one connection of the shared test connector.
    static func execute(_ statements: [String]) async throws {
        let connector = try PostgresTestDatabase.connector()
        try await connector.client.withConnection { connection in
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresStateStore.quietLogger)
            }
        }
    }

    /// The first column of the first row of `sql` (text), run with `schema` first on the search path.
    static func text(_ sql: String, in schema: String) async throws -> String? {
        let connector = try PostgresTestDatabase.connector()
        let logger = PostgresStateStore.quietLogger
        return try await connector.client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(schema)"), logger: logger)
                let value = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect().first?.decode(String?.self)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
