import Foundation

/// One column value of a state table, as it moves between backends (`StateCopy`).
public enum StateValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// An integer column.
    case integer(Int64)
    /// A floating-point column.
    case real(Double)
    /// A text column.
    case text(String)
    /// A binary column (projections, digests, compressed raw JSON, raw dictionaries).
    case blob(Data)
}

/// A chunk of one state table's rows, in its key order: what `StateStore.exportRows` gives and
/// `importRows` takes, so state moves between SQLite and PostgreSQL table by table.
public struct StateRows: Sendable, Hashable {
    /// The table (one of `StateTables.copyOrder`).
    public var table: String
    /// The column names, in the order of each row's values.
    public var columns: [String]
    /// The rows.
    public var rows: [[StateValue]]

    /// Creates a chunk.
    public init(table: String, columns: [String], rows: [[StateValue]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}

extension StateRows {
    /// The rows without the `meta` keys a backend owns (`StateTables.backendMetaKeys`).
    public func withoutBackendMeta() -> StateRows {
        guard let keyIndex = columns.firstIndex(of: "key") else { return self }
        var kept = self
        kept.rows = rows.filter { row in
            if case .text(let key) = row[keyIndex] { return !StateTables.backendMetaKeys.contains(key) }
            return true
        }
        return kept
    }
}
