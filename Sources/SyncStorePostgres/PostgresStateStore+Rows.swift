import Foundation
import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// Every row of `table`, in primary-key order, in chunks of at most `chunk` rows. Times go
    /// out as the SQLite state file writes them (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), so a copy
    /// between the two backends keeps every value.
    public func exportRows(of table: String, chunk: Int, _ body: (StateRows) async throws -> Void) async throws {
        let columns = try await tableColumns(table)
        let key = StateTables.primaryKey(table)
        let select = columns.map { column in
            switch column.kind {
            case .time: "to_char(\(column.quoted) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')"
            case .integer, .blob: column.quoted
            case .text: "\(column.quoted)::text"
            }
        }.joined(separator: ", ")
        var after: String?
        while true {
            let page = try await read("read the \(table) table") { tx in
                let filter = after.map { _ in "WHERE \"\(key)\"::text COLLATE \"C\" > $1" } ?? ""
                var bindings = PostgresBindings()
                if let after { bindings.append(after) }
                bindings.append(chunk)
                let sql = "SELECT \"\(key)\"::text, \(select) FROM \(table) \(filter) ORDER BY \"\(key)\"::text COLLATE \"C\" LIMIT $\(bindings.count)"
                return try await tx.rows(PostgresQuery(unsafeSQL: sql, binds: bindings))
            }
            var rows: [[StateValue]] = []
            var last: String?
            for row in page {
                let cells = Array(row)
                last = try cells[0].decode(String.self)
                rows.append(try columns.enumerated().map { index, column in try column.value(cells[index + 1]) })
            }
            var chunkRows = StateRows(table: table, columns: columns.map(\.name), rows: rows)
            if table == "meta" { chunkRows = chunkRows.withoutBackendMeta() }
            if !chunkRows.rows.isEmpty { try await body(chunkRows) }
            guard page.count == chunk, let last else { return }
            after = last
        }
    }

    /// Inserts rows another store exported, in one transaction; each value is cast to its
    /// column's type (a time written as text becomes a `timestamptz` read as UTC).
    public func importRows(_ rows: StateRows) async throws {
        guard !rows.rows.isEmpty else { return }
        let kinds = Dictionary(uniqueKeysWithValues: try await tableColumns(rows.table).map { ($0.name, $0) })
        let columns = try rows.columns.map { name in
            guard let column = kinds[name] else {
                throw StoreError(.database, "The \(rows.table) table in \(location) has no column \(name) to copy into; is it from another fgsync?", path: location)
            }
            return column
        }
        let conflict = rows.table == "meta" ? " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at" : ""
        try await write("copy rows into the \(rows.table) table") { tx in
            try await tx.execute("SET LOCAL TimeZone TO 'UTC'")
            for slice in stride(from: 0, to: rows.rows.count, by: 500).map({ rows.rows[$0..<min($0 + 500, rows.rows.count)] }) {
                var bindings = PostgresBindings()
                var tuples: [String] = []
                for row in slice {
                    var marks: [String] = []
                    for (column, value) in zip(columns, row) {
                        try column.bind(value, into: &bindings, table: rows.table, location: location)
                        marks.append("$\(bindings.count)::\(column.sqlType)")
                    }
                    tuples.append("(\(marks.joined(separator: ", ")))")
                }
                let sql = "INSERT INTO \(rows.table) (\(columns.map(\.quoted).joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))\(conflict)"
                try await tx.execute(PostgresQuery(unsafeSQL: sql, binds: bindings))
            }
        }
    }

    /// Moves every identity column's sequence past the largest id imported, so the next run,
    /// conflict or journal entry gets a new id.
    public func finishImport() async throws {
        try await write("move the id sequences past the copied ids") { tx in
            let identities = try await tx.rows(
                """
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name
                """)
            for row in identities {
                let (table, column) = try row.decode((String, String).self)
                try await tx.execute(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), max_id) FROM (SELECT max("\(column)") AS max_id FROM \(table)) AS m
                    WHERE max_id IS NOT NULL
                    """))
            }
        }
    }

    /// Whether the schema holds no run, no mirror row, no link and no base.
    public func isEmpty() async throws -> Bool {
        try await read("check the state is empty") { tx in
            try await tx.value(
                """
                SELECT NOT EXISTS (SELECT 1 FROM runs) AND NOT EXISTS (SELECT 1 FROM fulcrum_records)
                    AND NOT EXISTS (SELECT 1 FROM ghl_contacts) AND NOT EXISTS (SELECT 1 FROM links)
                    AND NOT EXISTS (SELECT 1 FROM base)
                """, as: Bool.self) ?? false
        }
    }

    /// The columns of one of this schema's state tables, in order.
    private func tableColumns(_ table: String) async throws -> [CopyColumn] {
        guard StateTables.copyOrder.contains(table) else {
            throw StoreError(.database, "\(table) is not a state table fgsync copies", path: location)
        }
        return try await read("read the columns of \(table)") { tx in
            try await tx.rows(
                """
                SELECT column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
                """
            ).map { row in
                let (name, type) = try row.decode((String, String).self)
                return CopyColumn(name: name, sqlType: type)
            }
        }
    }
}

/// A column of a state table as a copy reads and writes it.
struct CopyColumn: Sendable {
    enum Kind { case integer, text, time, blob }

    let name: String
    /// The column's type as `information_schema` spells it (`bigint`, `text`, `bytea`, ...).
    let sqlType: String

    var quoted: String { "\"\(name)\"" }

    var kind: Kind {
        switch sqlType {
        case "bigint", "integer", "smallint": .integer
        case "bytea": .blob
        case let type where type.hasPrefix("timestamp"): .time
        default: .text
        }
    }

    /// The exported cell as a value (times and text arrive as text).
    func value(_ cell: PostgresCell) throws -> StateValue {
        if cell.bytes == nil { return .null }
        switch kind {
        case .integer: return .integer(try cell.decode(Int64.self))
        case .blob: return .blob(try cell.decode(Data.self))
        case .text, .time: return .text(try cell.decode(String.self))
        }
    }

    /// Appends `value` for this column (cast to the column's type by the statement).
    func bind(_ value: StateValue, into bindings: inout PostgresBindings, table: String, location: String) throws {
        switch (value, kind) {
        case (.null, _): bindings.appendNull()
        case (.integer(let number), .integer): bindings.append(number)
        case (.integer(let number), _): bindings.append(String(number))
        case (.real(let number), _): bindings.append(String(number))
        case (.text(let text), .blob): try bindings.append(Data(text.utf8))
        case (.text(let text), _): bindings.append(text)
        case (.blob(let data), .blob): try bindings.append(data)
        case (.blob, _):
            throw StoreError(.database, "\(table).\(name) in \(location) holds \(sqlType), and the copied value is binary; is the source from another fgsync?", path: location)
        }
    }
}
