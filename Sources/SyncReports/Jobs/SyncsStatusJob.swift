import Foundation
import SyncCore
import SyncEngine
import SyncStore

/// `fgsync status` for a config with a `syncs:` list: every sync's health in one table. Each
/// state file is opened read-only; a sync whose file is missing or unreadable is a row that
/// says so, never an error that hides the others.
public struct SyncsStatusJob: Sendable {
    /// The syncs, in the config's order.
    public var targets: [SyncTarget]
    /// How many runs each sync's status lists.
    public var runs: Int
    /// Opens each sync's state (reads `state.url_env` from the environment).
    public var opener = StateOpener()

    /// Creates the job.
    public init(targets: [SyncTarget], runs: Int = 10) {
        self.targets = targets
        self.runs = runs
    }

    /// One sync's row.
    public struct Row: Codable, Sendable, Hashable {
        /// The sync's name.
        public var name: String
        /// Where its state lives: the state file, or the database schema.
        public var statePath: String
        /// Its health in a word.
        public var health: SyncHealth
        /// Its status, when the state file could be read.
        public var status: StatusJob.Status?
        /// Why it could not be read.
        public var error: String?
    }

    /// The table, as `--json` prints it.
    public struct Table: Codable, Sendable, Hashable {
        /// One row per sync, in the config's order.
        public var syncs: [Row]
    }

    /// Reads every sync's status.
    public func run() async -> Table {
        var rows: [Row] = []
        for target in targets {
            let location = target.state.description
            do {
                guard try await opener.exists(target.state) else {
                    rows.append(Row(name: target.name, statePath: location, health: .missing, status: nil,
                                    error: "\(target.state.filePath == nil ? "no state in the database" : "no state file") yet; run `fgsync reconcile --sync \(target.name)`"))
                    continue
                }
                var job = StatusJob(state: target.state, runs: runs)
                job.opener = opener
                let status = try await job.run()
                rows.append(Row(name: target.name, statePath: location, health: SyncHealth(status), status: status, error: nil))
            } catch {
                rows.append(Row(name: target.name, statePath: location, health: .unreadable, status: nil, error: "\(error)"))
            }
        }
        return Table(syncs: rows)
    }
}

extension SyncsStatusJob.Table {
    /// The table for a terminal: one line per sync, then what needs a person, sync by sync.
    public var text: String {
        let header = ["SYNC", "HEALTH", "LAST RUN", "CONFLICTS", "FAILED", "HELD", "INBOX"]
        let cells: [[String]] = syncs.map { row in
            guard let status = row.status else { return [row.name, row.health.rawValue, "-", "-", "-", "-", "-"] }
            let last = status.runs.first.map { "#\($0.id) \($0.startedAt) \($0.kind) \($0.outcome ?? "unfinished")" } ?? "no runs yet"
            return [
                row.name, row.health.rawValue, last, "\(status.openConflicts)", "\(status.failedOperations.count)",
                "\(status.held.count)", "\(status.inboxWaiting)",
            ]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let counts = Dictionary(grouping: syncs, by: \.health).mapValues(\.count)
        let summary = SyncHealth.allCases.compactMap { health in counts[health].map { "\($0) \(health.rawValue)" } }.joined(separator: ", ")
        var lines = ["fgsync status: \(syncs.count) syncs (\(summary))", line(header)] + cells.map(line)
        for row in syncs where row.health != .ok {
            lines.append("\(row.name): \(Self.advice(row))")
        }
        return TextEscaping.lines(lines)
    }

    /// What to do about a row that is not ok.
    static func advice(_ row: SyncsStatusJob.Row) -> String {
        if let error = row.error { return error }
        guard let status = row.status else { return row.health.rawValue }
        switch row.health {
        case .failing:
            return "the last run failed; see `fgsync status --sync \(row.name)` and `fgsync report --sync \(row.name)`"
        case .held:
            return "a safety rail holds the next run: \(status.railsHolding.map(\.message).joined(separator: "; "))"
        case .new:
            return "no run has finished yet; run `fgsync reconcile --sync \(row.name)`"
        case .uninstalled:
            let location = status.installation?.locationId ?? "?"
            return "location \(location) has uninstalled the app; reinstall it from the Marketplace or remove sync \(row.name) from the config"
        default:
            var parts: [String] = []
            if status.openConflicts > 0 { parts.append("\(status.openConflicts) open conflicts (`fgsync conflicts --sync \(row.name)`)") }
            if !status.failedOperations.isEmpty { parts.append("\(status.failedOperations.count) failed writes wait for the next run") }
            if !status.held.isEmpty { parts.append("\(status.held.count) held items") }
            if !status.parkedEvents.isEmpty { parts.append("\(status.parkedEvents.count) parked webhook events") }
            if status.pendingWrites > 0 { parts.append("\(status.pendingWrites) writes with unknown outcome") }
            return parts.joined(separator: "; ")
        }
    }
}
