import Foundation
import NIOSSL
import PostgresNIO
import SyncStore

/// The parts of a `postgres://` URL.
struct PostgresURL: CustomStringConvertible {
    enum TLSMode: String { case disable, prefer, require }

    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var socketDirectory: String?
    var tls: TLSMode

    init(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else {
            throw StoreError(
                .cannotOpen,
                "The state URL is not a PostgreSQL URL: it must read postgres://user:password@host:port/database "
                    + "(the URL itself is not shown, it may hold a password).",
                path: "postgres")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        user = components.user.flatMap { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? socketDirectory ?? "localhost"
        port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        let mode = query["sslmode"] ?? (socketDirectory != nil || ["localhost", "127.0.0.1", "::1"].contains(host) ? "disable" : "prefer")
        guard let tls = TLSMode(rawValue: mode) else {
            throw StoreError(
                .cannotOpen,
                "The state URL's sslmode \(mode) is not one fgsync knows: use disable, prefer or require.",
                path: "postgres://\(user)@\(host):\(port)/\(database)")
        }
        self.tls = tls
    }

    /// `postgres://user@host:port/database`: never the password.
    var description: String {
        if let socketDirectory { return "postgres://\(user)@\(socketDirectory)/.s.PGSQL.\(port)/\(database)" }
        return "postgres://\(user)@\(host):\(port)/\(database)"
    }

    func clientConfiguration() throws -> PostgresClient.Configuration {
        var configuration = try poolConfiguration()
        // One connection attempt gives up after this long. A server that goes down mid-run fails
        // waiting calls once the pool's circuit breaker trips (measured: about 67 s, with retries).
        configuration.options.connectTimeout = Self.connectTimeout
        configuration.options.additionalStartupParameters = Self.sessionSettings
        return configuration
    }

    /// Set on every pooled connection. A worker frozen inside a transaction (stopped, or its
    /// machine hanging) would keep the sync's writer lock until the server dropped its
    /// connection, which can take hours; the server ends such a session after 20 s instead,
    /// well inside the 30 s lease, so the worker that takes the sync over can write.
    static let sessionSettings = [("idle_in_transaction_session_timeout", "20s"), ("application_name", "fgsync")]

    /// How long one connection attempt may take.
    static let connectTimeout: Duration = .seconds(5)

    private func poolConfiguration() throws -> PostgresClient.Configuration {
        if let socketDirectory {
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        let tls: PostgresClient.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(tlsConfiguration)
            case .require: .require(tlsConfiguration)
            }
        return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketDirectory {
            return PostgresConnection.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch self.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
    }
}
