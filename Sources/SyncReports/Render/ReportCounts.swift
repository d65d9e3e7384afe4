import SyncEngine

/// The (side, kind) pairs a report counts, in a stable order: GHL first, then Fulcrum; kinds in
/// the order operations run.
enum ReportCounts {
    static let kindOrder = ["create", "update", "link", "addTags", "removeTags", "delete"]

    static func keys(_ report: RunReport) -> [(side: String, kind: String)] {
        var result: [(String, String)] = []
        for side in ["ghl", "fulcrum"] {
            let kinds = Set((report.planned[side] ?? [:]).keys).union((report.applied[side] ?? [:]).keys)
            let ordered = kindOrder.filter(kinds.contains) + kinds.subtracting(kindOrder).sorted()
            result += ordered.map { (side, $0) }
        }
        return result
    }
}
