import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// The bytes this sync's schema takes in the database: every table with its indexes and
    /// TOAST data (`pg_total_relation_size`), as a state file's size would say.
    public func sizeInBytes() async throws -> Int64 {
        try await read("measure the size of \(schema.name)") { tx in
            try await tx.value(
                """
                SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(schema.name) AND c.relkind IN ('r', 'm')
                """, as: Int64.self) ?? 0
        }
    }

    /// Drops this sync's schema and everything in it, then closes the store: a benchmark's
    /// scratch state, or a sync's old state once `fgsync migrate-state` moved it and a run on
    /// the new place succeeded. Cannot be undone.
    public func removeSchema() async throws {
        guard !isReadOnly else {
            throw StoreError(.readOnly, "Cannot remove \(location): the state was opened for reading only.", path: location)
        }
        do {
            try await connector.client.withConnection { connection in
                try await connection.query("DROP SCHEMA IF EXISTS \(unescaped: schema.quoted) CASCADE", logger: Self.quietLogger)
            }
        } catch {
            throw StoreError(.database, "Could not remove \(location): \(Self.describe(error)).", path: location)
        }
        try close()
    }
}
