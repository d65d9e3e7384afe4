/// The tables of a sync's state, as every backend names them, in the order a copy fills them
/// (a table after the tables it refers to).
public enum StateTables {
    /// Every table `StateCopy` moves. `meta` goes without its `schema` and `projection_codec`
    /// rows, which each backend writes for itself.
    public static let copyOrder = [
        "meta", "runs", "snapshots", "raw_dictionaries", "fulcrum_records", "ghl_contacts", "links", "base",
        "conflicts", "decisions", "audit", "journal", "cursors", "webhook_inbox", "run_reports", "ghl_children",
        "child_base",
    ]

    /// The `meta` keys a backend owns: never copied.
    public static let backendMetaKeys: Set<String> = ["schema", "projection_codec"]

    /// The primary key a table is read in order of.
    public static func primaryKey(_ table: String) -> String {
        switch table {
        case "meta": "key"
        case "snapshots": "seq"
        case "links", "base", "child_base": "fulcrum_id"
        case "cursors": "name"
        case "webhook_inbox": "event_id"
        case "run_reports": "run_id"
        case "ghl_children": "contact_id"
        default: "id"
        }
    }
}
