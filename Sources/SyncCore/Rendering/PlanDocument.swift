import Foundation

/// The JSON shape of a plan (`fgsync plan --format json`), stable for tools and golden files.
///
/// Fields are named as the target side names them: GHL operations use contact field names
/// (`firstName`, `customFields.<id>`), Fulcrum operations use data_names. Times are ISO-8601.
public struct PlanDocument: Codable, Sendable, Hashable {
    /// One operation.
    public struct OperationEntry: Codable, Sendable, Hashable {
        /// `ghl` or `fulcrum`.
        public var side: String
        /// `create`, `update`, `delete`, `addTags`, `removeTags` or `link`.
        public var kind: String
        /// The Fulcrum record id, when known.
        public var fulcrumId: String?
        /// The GHL contactId, when known.
        public var contactId: String?
        /// Values to write by target field name; `null` clears.
        public var fields: [String: String?]
        /// Tags to add or remove.
        public var tags: [String]
        /// Why, for people.
        public var note: String?
        /// For a child operation: the child's GHL id (note, task or appointment id), when known.
        public var childId: String? = nil
        /// For a child operation: the id of its Fulcrum repeatable item, when known.
        public var childItemId: String? = nil
    }

    /// One conflict.
    public struct ConflictEntry: Codable, Sendable, Hashable {
        /// The Fulcrum record id.
        public var fulcrumId: String
        /// The GHL contactId.
        public var contactId: String
        /// The Fulcrum data_name.
        public var field: String
        /// The GHL field name.
        public var ghlField: String
        /// The last agreed value.
        public var base: String?
        /// Fulcrum's value.
        public var fulcrum: String?
        /// GHL's value.
        public var ghl: String?
        /// Fulcrum's `updated_at`.
        public var fulcrumUpdatedAt: String?
        /// GHL's `dateUpdated`.
        public var ghlUpdatedAt: String?
        /// `fulcrum`, `ghl`, or `null` when a person must decide.
        public var winner: String?
        /// The deciding rule.
        public var rule: String
        /// The Fulcrum record's name for people (first and last name), when known (reports only).
        public var fulcrumName: String?
        /// The GHL contact's name for people, when known (reports only).
        public var ghlName: String?
        /// The conflict's id in the state file, for `fgsync resolve` (reports only).
        public var conflictId: Int64?
    }

    /// One held item.
    public struct HeldEntry: Codable, Sendable, Hashable {
        /// The Fulcrum record id, if any.
        public var fulcrumId: String?
        /// The GHL contactId, if any.
        public var contactId: String?
        /// The field at fault, if any.
        public var field: String?
        /// Why it is held.
        public var reason: String
    }

    /// One tripped rail.
    public struct RailEntry: Codable, Sendable, Hashable {
        /// `emptySnapshot`, `maxDelete` or `mappingChanged`.
        public var kind: String
        /// The side, if the rail concerns one.
        public var side: String?
        /// What to do.
        public var message: String
    }

    /// Totals for a glance.
    public struct Summary: Codable, Sendable, Hashable {
        /// Operations per side, then per kind.
        public var operations: [String: [String: Int]]
        /// All operations.
        public var totalOperations: Int
        /// All conflicts.
        public var conflicts: Int
        /// Conflicts waiting for a person.
        public var openConflicts: Int
        /// Held items.
        public var held: Int
        /// Whether a rail refused the plan.
        public var refused: Bool
    }

    /// The operations, in execution order.
    public var operations: [OperationEntry]
    /// The conflicts.
    public var conflicts: [ConflictEntry]
    /// The held items.
    public var held: [HeldEntry]
    /// The tripped rails.
    public var rails: [RailEntry]
    /// The totals.
    public var summary: Summary
    /// Creates a crash interrupted, which a real run looks up on the target before planning
    /// them again (absent when there are none).
    public var lookups: [String]? = nil

    /// Builds the document of `plan`, naming fields through `mapping` when given.
    public init(plan: Plan, mapping: ResolvedMapping?) {
        let ghlNames = Dictionary(
            (mapping?.fields ?? []).map { ($0.key, $0.ghl.displayName) }, uniquingKeysWith: { first, _ in first })
        func name(_ key: String, _ side: Side) -> String { side == .ghl ? ghlNames[key] ?? key : key }
        func time(_ date: Date?) -> String? { date.map { Timestamp.format($0, milliseconds: true) } }
        operations = plan.operations.map { operation in
            if operation.kind.isChild { return Self.childEntry(operation, mapping: mapping) }
            return OperationEntry(
                side: operation.side.rawValue, kind: operation.kind.rawValue, fulcrumId: operation.fulcrumId,
                contactId: operation.contactId,
                fields: Dictionary(operation.fields.map { (name($0.key, operation.side), $0.value?.text) },
                                   uniquingKeysWith: { first, _ in first }),
                tags: operation.tags, note: operation.note)
        }
        conflicts = plan.conflicts.map {
            ConflictEntry(
                fulcrumId: $0.fulcrumId, contactId: $0.contactId, field: $0.field, ghlField: name($0.field, .ghl),
                base: $0.base?.text, fulcrum: $0.fulcrum?.text, ghl: $0.ghl?.text,
                fulcrumUpdatedAt: time($0.fulcrumUpdatedAt), ghlUpdatedAt: time($0.ghlUpdatedAt),
                winner: $0.winner?.rawValue, rule: $0.rule)
        }
        held = plan.held.map { HeldEntry(fulcrumId: $0.fulcrumId, contactId: $0.contactId, field: $0.field, reason: $0.reason) }
        rails = plan.rails.map { RailEntry(kind: $0.kind.rawValue, side: $0.side?.rawValue, message: $0.message) }
        var counts: [String: [String: Int]] = [:]
        for (side, kinds) in plan.counts {
            counts[side.rawValue] = Dictionary(kinds.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +)
        }
        summary = Summary(
            operations: counts, totalOperations: operations.count, conflicts: conflicts.count,
            openConflicts: plan.conflicts.filter { $0.winner == nil && $0.rule == "manual" }.count, held: held.count, refused: plan.refused)
    }

    /// Pretty JSON with sorted keys, so equal plans print byte-for-byte equal.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
