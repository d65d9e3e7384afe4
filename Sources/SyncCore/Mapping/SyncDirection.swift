/// Which way a mapped field may flow.
///
/// A one-way field is never written on the side it does not flow to; edits made there are
/// left alone (not reverted) until the source side changes the field again.
public enum SyncDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Both ways.
    case both
    /// Fulcrum to GHL only.
    case toGHL = "to_ghl"
    /// GHL to Fulcrum only.
    case toFulcrum = "to_fulcrum"

    /// Whether values may be written to `side`.
    public func writes(to side: Side) -> Bool {
        switch self {
        case .both: true
        case .toGHL: side == .ghl
        case .toFulcrum: side == .fulcrum
        }
    }
}
