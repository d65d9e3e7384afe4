import Foundation
import SyncCore
import SyncStore

/// `fgsync migrate-state`: moves one sync's state between an SQLite file and PostgreSQL (or
/// between two files, or two schemas), table by table, keeping every id.
///
/// The source is locked while it is read (no run may write it meanwhile) and upgraded in
/// place first when it is an older state file, so both sides have the same tables. The
/// destination must hold no state: a copy never merges two histories. The source is left as
/// it was; keep it until a run against the destination has succeeded.
public struct MigrateStateJob: Sendable {
    /// Where the state is now.
    public var source: StateLocation
    /// Where it goes (an empty place: a new file, or a schema with no state).
    public var destination: StateLocation
    /// Opens both (database URLs come from its environment).
    public var opener: StateOpener

    /// Creates the job.
    public init(from source: StateLocation, to destination: StateLocation, opener: StateOpener = StateOpener()) {
        self.source = source
        self.destination = destination
        self.opener = opener
    }

    /// What was copied.
    public struct Result: Sendable, Hashable {
        /// Rows copied, by table.
        public var rows: [String: Int]
        /// The sentence for the operator.
        public var summary: String
    }

    /// Copies the state, then checks that the destination holds as many rows as were read.
    ///
    /// - Throws: `SyncEngineError.usage` (same place twice, nothing at the source, `.locked`
    ///   while a run holds the source file), `StoreError.notEmpty` (the destination holds
    ///   state; nothing was written), or the store error that stopped the copy.
    public func run() async throws -> Result {
        guard source != destination else {
            throw SyncEngineError(.usage, "--from and --to name the same state (\(source)); name where the state goes")
        }
        guard try await opener.exists(source) else {
            throw SyncEngineError(.usage, "there is no state at \(source) to move; check --from (and --sync for a database)")
        }
        let lock = try await StateRunLock.take(source, opener: opener, patience: .zero)
        let copied: StateCopy.Counts
        var found: [String: Int] = [:]
        do {
            let from = try await opener.open(source)
            defer { try? from.close() }
            let to = try await opener.open(destination)
            defer { try? to.close() }
            copied = try await StateCopy(from: from, to: to).run()
            for table in StateTables.copyOrder {
                try await to.exportRows(of: table, chunk: 5_000) { found[table, default: 0] += $0.rows.count }
            }
            await lock.release()
        } catch {
            await lock.release()
            throw error
        }
        guard found == copied else {
            let differing = StateTables.copyOrder.filter { found[$0] != copied[$0] }
                .map { "\($0): \(copied[$0] ?? 0) read, \(found[$0] ?? 0) there" }
            throw SyncEngineError(
                .state, "the copy in \(destination) does not hold every row read (\(differing.joined(separator: "; "))); keep using \(source), and empty \(destination) before trying again")
        }
        let total = copied.values.reduce(0, +)
        let tables = StateTables.copyOrder.filter { (copied[$0] ?? 0) > 0 }.map { "\($0) \(copied[$0] ?? 0)" }
        return Result(
            rows: copied,
            summary: "copied \(total) rows from \(source) to \(destination) (\(tables.joined(separator: ", "))); "
                + "point the config at the new place, run `fgsync status` there, and keep \(source) until a run has succeeded")
    }
}
