import Foundation
import PostgresNIO
import SyncStore

/// One transaction of a `PostgresStateStore`, in the sync's schema: valid only inside the
/// closure that received it.
struct PostgresTransaction {
    let connection: PostgresConnection
    let store: PostgresStateStore

    var now: Date { store.clock.now() }
    var location: String { store.location }

    /// Runs a statement, discarding any rows.
    func execute(_ query: PostgresQuery) async throws {
        try await connection.query(query, logger: PostgresStateStore.quietLogger)
    }

    /// Runs a query and collects its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: PostgresStateStore.quietLogger).collect()
    }

    /// Runs a statement ending in `RETURNING ...` and counts the rows it returned (the rows it
    /// inserted, updated or deleted).
    func changes(_ query: PostgresQuery) async throws -> Int {
        try await rows(query).count
    }

    /// The first column of the first row, or `nil` when there is no row (or it is NULL).
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? where T._DecodableType == T {
        guard let row = try await rows(query).first else { return nil }
        return try row.decode(T?.self)
    }
}

extension PostgresRow {
    /// The column `name`, decoded.
    func column<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try makeRandomAccess()[name].decode(T.self)
    }
}
