import SyncStore
import SyncStorePostgres

extension StateOpener {
    /// Opens a sync's schema on the process's connector for `url`: every sync (and every
    /// command or console page) of one process shares one pool per database.
    func openPostgres(url: String, schema: String, readOnly: Bool) async throws -> any StateStore {
        try await PostgresStateStore.open(connector: PostgresConnectors.shared.connector(url: url), schema: schema, clock: clock, readOnly: readOnly)
    }

    /// The schema version this fgsync writes in PostgreSQL.
    static var postgresSchemaVersion: String { PostgresStateStore.latestSchemaVersion }
}

/// The process's PostgreSQL connectors, one per database URL, made on first use and kept for
/// the process's life (a pool holds no connection while idle).
actor PostgresConnectors {
    /// The one registry of the process.
    static let shared = PostgresConnectors()

    private var byURL: [String: PostgresConnector] = [:]
    var leasesByURL: [String: PostgresLeases] = [:]

    /// The connector for `url`, made when this is the first store on it.
    func connector(url: String) throws -> PostgresConnector {
        if let known = byURL[url] { return known }
        let made = try PostgresConnector(url: url)
        byURL[url] = made
        return made
    }
}

extension StateOpener {
    /// The leases of the database `urlEnv` names (their table is made on first use).
    func leases(urlEnv: String) async throws -> PostgresLeases {
        try await PostgresConnectors.shared.leases(url: try url(urlEnv))
    }
}

extension PostgresConnectors {
    /// The leases of the database at `url`.
    func leases(url: String) async throws -> PostgresLeases {
        if let known = leasesByURL[url] { return known }
        let opened = try await PostgresLeases.open(connector: connector(url: url))
        leasesByURL[url] = opened
        return opened
    }
}
