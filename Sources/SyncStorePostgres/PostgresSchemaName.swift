import SyncStore

/// The PostgreSQL schema holding one sync's tables: `fgsync_<sync name>`, checked and quoted.
struct PostgresSchemaName: Sendable, Hashable {
    /// The schema's name as PostgreSQL stores it.
    let name: String

    /// `name` checked: letters, digits, `_` and `-`, at most 63 bytes (PostgreSQL's limit).
    init(_ name: String, location: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" }
        guard !name.isEmpty, allowed, name.utf8.count <= 63 else {
            throw StoreError(
                .cannotOpen,
                "\"\(name)\" cannot name a PostgreSQL schema for a sync's state in \(location): use letters, digits, _ and -, "
                    + "at most 63 characters (fgsync_ and the sync's name).",
                path: location)
        }
        self.name = name
    }

    /// The name as an SQL identifier (double-quoted; the check leaves nothing to escape).
    var quoted: String { "\"\(name)\"" }
}
