import Foundation
import PostgresNIO
import SyncStore

extension PostgresLeases {
    /// Takes the lease on `sync` from `previous`, a holder known to be dead (its process is
    /// gone), for `holder` until `duration` from now; `nil` when `previous` no longer holds it
    /// (it was released, expired and taken, or renewed by a holder that was alive after all).
    public func takeOver(sync: String, from previous: String, holder: String, for duration: Duration) async throws -> Lease? {
        let now = clock?.now()
        let location = "\(connector.description) schema \(schema.name)"
        do {
            let rows = try await connector.client.withConnection { connection in
                try await connection.query(
                    """
                    UPDATE \(unescaped: schema.quoted).leases
                    SET holder = \(holder), taken_at = coalesce(\(now), clock_timestamp()),
                        expires_at = coalesce(\(now), clock_timestamp()) + make_interval(secs => \(Self.seconds(duration)))
                    WHERE sync_name = \(sync) AND holder = \(previous)
                    RETURNING expires_at
                    """, logger: PostgresStateStore.quietLogger
                ).collect()
            }
            guard let row = rows.first else { return nil }
            return Lease(sync: sync, holder: holder, expiresAt: try row.decode(Date.self))
        } catch {
            throw StoreError(
                .database, "Could not take over the lease on \(sync) in \(location): \(PostgresStateStore.describe(error)).", path: location)
        }
    }
}
