import Foundation
import SyncCore

/// Both systems and the base held in memory, with a faithful application of plans to them.
///
/// Plays the propagator's part in property tests: operations change the records as the real
/// writes would (every write moves the written record's server time, as Fulcrum's `updated_at`
/// and GHL's `dateUpdated` move), and each pair's `newBase` is recorded once its operations are
/// applied.
public struct InMemoryWorld: Sendable {
    /// Fulcrum records by id.
    public var fulcrum: [String: RecordState]
    /// GHL contacts by id.
    public var ghl: [String: RecordState]
    /// Bases by Fulcrum id.
    public var bases: [String: PairBase]
    private var created = 0
    /// The servers' clock: each write stamps the record with it, then it moves one second on.
    public var now = Date(timeIntervalSince1970: 1_700_001_000)

    /// Creates a world.
    public init(fulcrum: [RecordState], ghl: [RecordState], bases: [PairBase]) {
        self.fulcrum = Dictionary(fulcrum.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.ghl = Dictionary(ghl.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.bases = Dictionary(bases.map { ($0.fulcrumId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The planner's input for the current state.
    public func input(storedMappingHash: String? = nil) -> PlanInput {
        PlanInput(
            bases: bases.values.sorted { $0.fulcrumId < $1.fulcrumId },
            fulcrum: fulcrum.values.sorted { $0.id < $1.id }, ghl: ghl.values.sorted { $0.id < $1.id },
            storedMappingHash: storedMappingHash)
    }

    /// Applies every pair of `plan`, in order.
    public mutating func apply(_ plan: Plan) {
        for pair in plan.pairs { apply(pair) }
    }

    private mutating func apply(_ pair: PlannedPair) {
        var fulcrumId = pair.fulcrumId
        var contactId = pair.contactId
        for operation in pair.operations {
            defer {
                let id = operation.side == .fulcrum ? fulcrumId : contactId
                if operation.kind != .delete, let id, var record = self[operation.side, id] {
                    record.updatedAt = now
                    self[operation.side, id] = record
                    now = now.addingTimeInterval(1)
                }
            }
            switch operation.kind {
            case .create:
                created += 1
                let id = "new-\(operation.side.rawValue)-\(created)"
                var record = RecordState(id: id)
                record.fields = operation.fields.compactMapValues { $0 }
                record.tags = TagSet(operation.tags)
                record.linkId = operation.side == .ghl ? fulcrumId : contactId
                if operation.side == .ghl { contactId = id } else { fulcrumId = id }
                self[operation.side, id] = record
            case .link:
                let id = operation.side == .fulcrum ? fulcrumId : contactId
                let other = operation.side == .fulcrum ? contactId : fulcrumId
                if let id { self[operation.side, id]?.linkId = other }
            case .update:
                guard let id = operation.side == .fulcrum ? fulcrumId : contactId else { continue }
                for (key, value) in operation.fields { self[operation.side, id]?.fields[key] = value }
            case .addTags, .removeTags:
                guard let id = operation.side == .fulcrum ? fulcrumId : contactId else { continue }
                for tag in operation.tags {
                    if operation.kind == .addTags { self[operation.side, id]?.tags.insert(tag) } else {
                        self[operation.side, id]?.tags.remove(tag)
                    }
                }
            case .delete:
                guard let id = operation.side == .fulcrum ? fulcrumId : contactId else { continue }
                self[operation.side, id] = nil
            default:
                continue  // child operations live in `Plan.children` (see `ChildWorld`)
            }
        }
        if let old = pair.fulcrumId { bases[old] = nil }
        if let contact = pair.contactId { bases = bases.filter { $0.value.contactId != contact } }
        if var base = pair.newBase, let fulcrumId, let contactId {
            base.fulcrumId = fulcrumId
            base.contactId = contactId
            bases[fulcrumId] = base
        }
    }

    private subscript(side: Side, id: String) -> RecordState? {
        get { side == .fulcrum ? fulcrum[id] : ghl[id] }
        set { if side == .fulcrum { fulcrum[id] = newValue } else { ghl[id] = newValue } }
    }
}
