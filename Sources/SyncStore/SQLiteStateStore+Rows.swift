import Foundation
import GRDB

extension SQLiteStateStore {
    /// Every row of `table`, in key order, in chunks of at most `chunk` rows.
    public func exportRows(of table: String, chunk: Int, _ body: (StateRows) async throws -> Void) async throws {
        guard StateTables.copyOrder.contains(table) else {
            throw StoreError(.database, "\(table) is not a state table fgsync copies", path: path)
        }
        let key = StateTables.primaryKey(table)
        var after: DatabaseValue = .null
        while true {
            let (rows, last) = try await read("read the \(table) table") { [after] db in
                let filter = after.isNull ? "" : "WHERE \(key) > ?"
                let fetched = try Row.fetchAll(
                    db, sql: "SELECT \(key) AS fgsync_key, * FROM \(table) \(filter) ORDER BY \(key) LIMIT ?",
                    arguments: after.isNull ? [chunk] : [after, chunk])
                // A base's agreement flags are derived (schema v8): the destination sets its own.
                let all = fetched.first.map { Array($0.columnNames) } ?? []
                let kept = all.indices.dropFirst().filter { table != "base" || !SchemaV8AgreementFlags.flagColumns.contains(all[$0]) }
                let columns = kept.map { all[$0] }
                var portable = PortableRow(columns: columns, unpacker: self.unpacker(db)) { try self.rawDictionaries.bytes($0, db) }
                let values = try fetched.map { row in
                    try portable.values(kept.map { Self.stateValue(row[$0] as DatabaseValue) })
                }
                let last: DatabaseValue = fetched.last?["fgsync_key"] ?? .null
                return (StateRows(table: table, columns: columns, rows: values), last)
            }
            let kept = table == "meta" ? rows.withoutBackendMeta() : rows
            if !kept.rows.isEmpty { try await body(kept) }
            guard rows.rows.count == chunk else { return }
            after = last
        }
    }

    /// Inserts exported rows into this store's table in one transaction (`meta` rows replace
    /// the ones of the same key).
    public func importRows(_ rows: StateRows) async throws {
        guard StateTables.copyOrder.contains(rows.table), !rows.rows.isEmpty else { return }
        let columns = rows.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: rows.columns.count).joined(separator: ", ")
        let verb = rows.table == "meta" ? "INSERT OR REPLACE" : "INSERT"
        let sql = "\(verb) INTO \(rows.table) (\(columns)) VALUES (\(marks))"
        try await write("copy rows into the \(rows.table) table") { tx in
            let statement = try tx.db.makeStatement(sql: sql)
            for row in rows.rows {
                try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
            }
        }
    }

    /// Nothing to do after an import: SQLite moves each table's id sequence past the ids
    /// inserted.
    public func finishImport() async throws {}

    /// Whether the store holds no run, no mirror row, no link and no base.
    public func isEmpty() async throws -> Bool {
        try await read("check the state is empty") { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT NOT EXISTS (SELECT 1 FROM runs) AND NOT EXISTS (SELECT 1 FROM fulcrum_records)
                        AND NOT EXISTS (SELECT 1 FROM ghl_contacts) AND NOT EXISTS (SELECT 1 FROM links)
                        AND NOT EXISTS (SELECT 1 FROM base)
                    """) ?? false
        }
    }

    static func stateValue(_ value: DatabaseValue) -> StateValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }

    static func databaseValue(_ value: StateValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }
}
