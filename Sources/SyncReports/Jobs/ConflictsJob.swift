import Foundation
import SyncCore
import SyncStore

/// `fgsync conflicts`: the conflicts waiting for a person (fields under the `manual` policy).
/// Opens the state file read-only.
public struct ConflictsJob: Sendable {
    /// The state file.
    public var statePath: String

    /// One open conflict, as printed by `--json`.
    public struct Entry: Codable, Sendable, Hashable {
        /// The id to pass to `fgsync resolve`.
        public var id: Int64
        /// The run that found it.
        public var runId: Int64?
        /// The Fulcrum record id.
        public var fulcrumId: String
        /// The GHL contactId.
        public var contactId: String
        /// The mapping key of the field.
        public var field: String
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
        /// When it was found.
        public var detectedAt: String
        /// The rule that left it to a person (the field's policy, e.g. `manual`).
        public var rule: String? = nil
    }

    /// Creates a job.
    public init(statePath: String) {
        self.statePath = statePath
    }

    /// The open conflicts, oldest first.
    public func run() async throws -> [Entry] {
        let store = try StateStore.openReadOnly(path: statePath)
        func time(_ date: Date?) -> String? { date.map { Timestamp.format($0, milliseconds: true) } }
        return try await store.openConflicts().map {
            Entry(
                id: $0.id, runId: $0.runId, fulcrumId: $0.conflict.fulcrumId, contactId: $0.conflict.contactId,
                field: $0.conflict.field, base: $0.conflict.base?.text, fulcrum: $0.conflict.fulcrum?.text,
                ghl: $0.conflict.ghl?.text, fulcrumUpdatedAt: time($0.conflict.fulcrumUpdatedAt),
                ghlUpdatedAt: time($0.conflict.ghlUpdatedAt), detectedAt: time($0.detectedAt) ?? "", rule: $0.conflict.rule)
        }
    }

    /// The list for a terminal.
    public static func text(_ entries: [Entry]) -> String {
        guard !entries.isEmpty else { return "No open conflicts." }
        var lines = ["\(entries.count) open conflict(s); decide with `fgsync resolve ID --take fulcrum|ghl|base` or `--value V`:"]
        for entry in entries {
            lines.append("  #\(entry.id) Fulcrum \(entry.fulcrumId) / GHL \(entry.contactId), field \(entry.field) (run \(entry.runId.map(String.init) ?? "-"))")
            lines.append("      base:    \(entry.base ?? "(empty)")")
            lines.append("      fulcrum: \(entry.fulcrum ?? "(empty)")\(entry.fulcrumUpdatedAt.map { "  (updated \($0))" } ?? "")")
            lines.append("      ghl:     \(entry.ghl ?? "(empty)")\(entry.ghlUpdatedAt.map { "  (updated \($0))" } ?? "")")
        }
        return TextEscaping.lines(lines)
    }
}
