import SyncCore

/// Everything the planner needs for a small state file, loaded at once.
///
/// For large files stream with `StateStore.forEachLinkedPair` instead: memory stays constant.
public struct StoreContents: Sendable, Hashable {
    /// Every base (one per linked pair), sorted by Fulcrum id.
    public var bases: [PairBase]
    /// Every mirrored Fulcrum record, sorted by id.
    public var fulcrum: [RecordState]
    /// Every mirrored GHL contact, sorted by id.
    public var ghl: [RecordState]

    /// Creates the contents a store loaded.
    package init(bases: [PairBase], fulcrum: [RecordState], ghl: [RecordState]) {
        self.bases = bases
        self.fulcrum = fulcrum
        self.ghl = ghl
    }
}
