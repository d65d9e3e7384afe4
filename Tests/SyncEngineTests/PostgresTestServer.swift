import Foundation
import Logging
import PostgresNIO
import Testing
@testable import SyncStorePostgres

/// The PostgreSQL server `FGSYNC_TEST_POSTGRES_URL` names (`Tests/Postgres/start.sh` starts one,
/// `.ci/run` does it in CI): each end-to-end test gets a database of its own, dropped after.
enum PostgresTestServer {
    /// The server's URL, or `nil` (the PostgreSQL end-to-end tests are then skipped).
    static let url = ProcessInfo.processInfo.environment["FGSYNC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Runs `body` with the URL of a new, empty database, dropped afterwards (passed or failed).
    static func withDatabase(_ body: (String) async throws -> Void) async throws {
        guard let url else { return }
        let name = "fgsync_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let admin = try PostgresConnector(url: url)
        try await execute("CREATE DATABASE \(name)", on: admin)
        var components = try #require(URLComponents(string: url))
        components.path = "/" + name
        let databaseURL = try #require(components.string)
        do {
            try await body(databaseURL)
        } catch {
            try? await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
            await admin.shutdown()
            throw error
        }
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
        await admin.shutdown()
    }

    /// One value of `sql` (its first column, as text) in `schema` of the database at `url`.
    static func text(_ sql: String, schema: String, url: String) async throws -> String? {
        let connector = try PostgresConnector(url: url)
        defer { Task { await connector.shutdown() } }
        let logger = Logger(label: "fgsync.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            return try await connector.client.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \"\(schema)\""), logger: logger)
                return try await connection.query(PostgresQuery(unsafeSQL: "SELECT (\(sql))::text"), logger: logger).collect().first?.decode(String?.self)
            }
        } catch let error as PSQLError {
            throw TestFailure(String(reflecting: error))
        }
    }

    /// Runs `statements` in the database at `url`.
    static func execute(_ statements: [String], url: String) async throws {
        let connector = try PostgresConnector(url: url)
        for statement in statements { try await execute(statement, on: connector) }
        await connector.shutdown()
    }

    private static func execute(_ sql: String, on connector: PostgresConnector) async throws {
        let logger = Logger(label: "fgsync.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        try await connector.client.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
