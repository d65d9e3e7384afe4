/// Copies a sync's whole state from one store to another, table by table: `fgsync
/// migrate-state` (an SQLite file into PostgreSQL, or back), and the scratch copy a dry run
/// makes of state kept in a database.
///
/// The destination must be empty (no run, mirror row, link or base): a copy never merges two
/// histories. Ids are kept, so run ids, conflict ids and journal ids mean the same afterwards.
public struct StateCopy: Sendable {
    /// Where the state is read.
    public let source: any StateStore
    /// Where it is written: an empty store.
    public let destination: any StateStore
    /// Rows per chunk (each chunk is one transaction in the destination).
    public var chunk = 2_000

    /// Creates a copy.
    public init(from source: any StateStore, to destination: any StateStore) {
        self.source = source
        self.destination = destination
    }

    /// How many rows were copied, by table.
    public typealias Counts = [String: Int]

    /// Copies every table; returns the rows copied per table.
    ///
    /// - Throws: `StoreError.notEmpty` when the destination already holds state (nothing is
    ///   written), or the first read or write error (the destination may then hold part of the
    ///   state: empty it before trying again).
    @discardableResult
    public func run() async throws -> Counts {
        guard try await destination.isEmpty() else {
            throw StoreError(
                .notEmpty,
                "\(destination.location) already holds state (runs, mirrors or links), so nothing was copied into it: a copy never merges two histories. Copy into a new, empty place",
                path: destination.location)
        }
        var counts: Counts = [:]
        for table in StateTables.copyOrder {
            try await source.exportRows(of: table, chunk: chunk) { rows in
                try await destination.importRows(rows)
                counts[table, default: 0] += rows.rows.count
            }
        }
        try await destination.finishImport()
        return counts
    }
}
