import Foundation

/// When each side gave a field the value it holds now, as far as the engine found out: what the
/// `newest` policy decides a conflict by, field by field (issue 10, item 5).
///
/// The engine fills it before planning, only for pairs that conflict under `newest`: Fulcrum's
/// record history gives the version in which a value first appeared, a stored GHL webhook that
/// carried the value gives the time GHL changed it. Without evidence for a field the planner
/// uses the record's own time. Each change names the value it is evidence of, so evidence that
/// no longer matches the snapshot is ignored rather than trusted.
public struct ChangeEvidence: Sendable, Hashable {
    /// Where a change time comes from; the conflict's rule names it (`newest-<source>`).
    public enum Source: String, Sendable, Hashable, Codable {
        /// Fulcrum's record history: the first version of the current run of this value.
        case fieldHistory = "field-history"
        /// A stored GHL webhook event that carried this value.
        case webhook
        /// The record's own `updated_at` / `dateUpdated` (may move for unrelated changes).
        case record
    }

    /// The time one side's field took its current value.
    public struct FieldChange: Sendable, Hashable {
        /// The value this is evidence of (`nil`: the field was cleared).
        public var value: FieldValue?
        /// When the side changed the field to it.
        public var at: Date
        /// Where the time comes from.
        public var source: Source

        /// Creates a field change.
        public init(value: FieldValue?, at: Date, source: Source) {
            self.value = value
            self.at = at
            self.source = source
        }
    }

    /// Fulcrum field changes by record id, then mapping key.
    public var fulcrum: [String: [String: FieldChange]]
    /// GHL field changes by contact id, then mapping key.
    public var ghl: [String: [String: FieldChange]]

    /// Creates evidence.
    public init(fulcrum: [String: [String: FieldChange]] = [:], ghl: [String: [String: FieldChange]] = [:]) {
        self.fulcrum = fulcrum
        self.ghl = ghl
    }

    /// No evidence: every conflict is decided by the records' times.
    public static let none = ChangeEvidence()

    /// Whether there is no evidence at all.
    public var isEmpty: Bool { fulcrum.isEmpty && ghl.isEmpty }

    /// The change time of `key` on `record` (on `side`): the evidence when it is about the value
    /// the record holds and dates it earlier than the record's own time (a record's time bounds
    /// every field's change from above, so later or equal evidence adds nothing), else the
    /// record's time; `nil` when neither is known.
    public func change(_ side: Side, of record: RecordState, key: String) -> FieldChange? {
        let recorded = record.updatedAt.map { FieldChange(value: record.fields[key], at: $0, source: .record) }
        guard let known = (side == .fulcrum ? fulcrum : ghl)[record.id]?[key], known.value.agrees(with: record.fields[key])
        else { return recorded }
        guard let recorded else { return known }
        return Self.wholeSeconds(known.at) < Self.wholeSeconds(recorded.at) ? known : recorded
    }

    /// `date` at the precision both sides share: whole seconds (Fulcrum keeps seconds, GHL
    /// milliseconds).
    public static func wholeSeconds(_ date: Date) -> Double {
        date.timeIntervalSince1970.rounded(.down)
    }
}
