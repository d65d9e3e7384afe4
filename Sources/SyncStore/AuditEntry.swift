import Foundation
import SyncCore

/// One value fgsync replaced or one record it saw deleted, kept so nothing is lost.
public struct AuditEntry: Sendable, Hashable {
    /// The side whose value was replaced or whose record went away.
    public var side: Side
    /// The record id on that side.
    public var recordId: String
    /// The mapping key of the overwritten field; `nil` for a whole record.
    public var field: String?
    /// The value before, as JSON (a `FieldValue`, or the record's raw JSON); `nil` if none.
    public var oldValue: String?
    /// The value after, as JSON; `nil` when cleared or deleted.
    public var newValue: String?
    /// Why: `overwritten`, `deleted`, `missing from full snapshot`, ...
    public var reason: String
    /// The run that made the change (set when read back).
    public var runId: Int64?
    /// When it was recorded (set when read back).
    public var at: Date?

    /// Creates an entry from JSON values.
    public init(
        side: Side, recordId: String, field: String?, oldValue: String?, newValue: String?, reason: String,
        runId: Int64? = nil, at: Date? = nil
    ) {
        self.side = side
        self.recordId = recordId
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
        self.runId = runId
        self.at = at
    }

    /// An overwritten field value, both values encoded as `FieldValue` JSON.
    public static func overwrite(
        side: Side, recordId: String, field: String, old: FieldValue?, new: FieldValue?
    ) throws -> AuditEntry {
        AuditEntry(
            side: side, recordId: recordId, field: field, oldValue: try ValueJSON.encode(old),
            newValue: try ValueJSON.encode(new), reason: "overwritten")
    }
}
