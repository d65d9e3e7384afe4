import SyncCore

extension Side {
    /// The mirror table holding this side's records.
    package var mirrorTable: String {
        switch self {
        case .fulcrum: "fulcrum_records"
        case .ghl: "ghl_contacts"
        }
    }

    /// The `base` column holding this side's id.
    package var baseColumn: String {
        switch self {
        case .fulcrum: "fulcrum_id"
        case .ghl: "contact_id"
        }
    }

    /// What the records are called, for messages.
    package var recordNoun: String {
        switch self {
        case .fulcrum: "Fulcrum record"
        case .ghl: "GHL contact"
        }
    }
}
