/// Where a plan's pairs come from: the state file (streamed) or memory (tests, tools).
///
/// `Planner.plan(from:)` is the one function that decides which pairs, with which bases and
/// match values, reach the planner; a source only answers these questions about its contents.
public protocol PlanSource: Sendable {
    /// Every linked pair (base, Fulcrum record, GHL contact), in batches; a missing record is
    /// `nil` (deleted on that side).
    func forEachLinkedPair(_ body: ([(PairBase, RecordState?, RecordState?)]) async throws -> Void) async throws
    /// Every linked pair, as `forEachLinkedPair` streams them, except that a source may hand a
    /// pair it knows agrees with its base over as `.agreeing`, carrying only the base's values
    /// of `keys` (the planner's match keys; empty when no unlinked record needs them).
    func forEachLinkedPair(
        keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void
    ) async throws
    /// `side`'s records that belong to no base.
    func unlinkedRecords(_ side: Side) async throws -> [RecordState]
    /// Whether a base holds Fulcrum record `fulcrumId`.
    func isLinked(fulcrumId: String) async throws -> Bool
    /// Whether a link holds GHL contact `contactId`.
    func isLinked(contactId: String) async throws -> Bool
    /// How many records `side`'s snapshot holds.
    func recordCount(_ side: Side) async throws -> Int
    /// The mapping fingerprint the bases were written under (`nil` on a first run).
    func storedMappingHash() async throws -> String?
    /// The live linked pairs in all, when the source plans only some of them (a delta pass):
    /// the delete rail is measured against every linked pair, not the planned share.
    func liveLinkedTotal() async throws -> Int?
    /// The children of the pair of these ids (either may be absent while it is being created),
    /// or `nil` when they were not listed this run (the pair's children are then not planned).
    func children(fulcrumId: String?, contactId: String?) async throws -> PairChildren?
}

extension PlanSource {
    /// A source that cannot tell agreeing pairs hands every pair over decoded.
    public func forEachLinkedPair(
        keeping keys: Set<String>, _ body: ([LinkedPair]) async throws -> Void
    ) async throws {
        try await forEachLinkedPair { batch in try await body(batch.map { .decoded($0.0, $0.1, $0.2) }) }
    }

    /// Sources that stream every pair count them as they go.
    public func liveLinkedTotal() async throws -> Int? { nil }

    /// A source that lists no children plans none.
    public func children(fulcrumId: String?, contactId: String?) async throws -> PairChildren? { nil }
}
