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

    /// One page of the open conflicts, and how many there are in all.
    public struct Page: Sendable, Hashable {
        /// The page's conflicts, oldest first.
        public var entries: [Entry]
        /// Open conflicts in all pages.
        public var total: Int
        /// This page's number, from 1 (clamped to the last page).
        public var number: Int
        /// Conflicts per page.
        public var size: Int

        /// How many pages there are (at least 1).
        public var pages: Int { max(1, (total + size - 1) / size) }
    }

    /// The open conflicts, oldest first.
    public func run() async throws -> [Entry] {
        let store = try SQLiteStateStore.openReadOnly(path: statePath)
        return try await store.openConflicts().map(Self.entry)
    }

    /// Page `number` (from 1; past the end reads the last) of `size` open conflicts, from an open
    /// store: one count and one page are read, however many conflicts wait.
    public static func page(_ number: Int, size: Int, store: any StateStore) async throws -> Page {
        let size = max(1, size)
        let total = try await store.openConflictCount()
        let last = max(1, (total + size - 1) / size)
        let number = min(max(1, number), last)
        let rows = try await store.openConflicts(limit: size, offset: (number - 1) * size)
        return Page(entries: rows.map(entry), total: total, number: number, size: size)
    }

    static func entry(_ stored: StoredConflict) -> Entry {
        func time(_ date: Date?) -> String? { date.map { Timestamp.format($0, milliseconds: true) } }
        let conflict = stored.conflict
        return Entry(
            id: stored.id, runId: stored.runId, fulcrumId: conflict.fulcrumId, contactId: conflict.contactId,
            field: conflict.field, base: conflict.base?.text, fulcrum: conflict.fulcrum?.text,
            ghl: conflict.ghl?.text, fulcrumUpdatedAt: time(conflict.fulcrumUpdatedAt),
            ghlUpdatedAt: time(conflict.ghlUpdatedAt), detectedAt: time(stored.detectedAt) ?? "", rule: conflict.rule)
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
