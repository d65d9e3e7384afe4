import PostgresNIO
import SyncStore

extension PostgresStateStore {
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
