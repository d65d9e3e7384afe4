import Foundation
import SyncCore

/// How `fgsync reconcile` runs.
public struct ReconcileOptions: Sendable {
    /// Fetch and plan, write to neither system.
    public var dryRun: Bool
    /// Apply even when a safety rail trips.
    public var force: Bool
    /// Override every field's conflict policy.
    public var policyOverride: ConflictPolicy?
    /// Where `report.json` goes; `nil` writes no report file.
    public var reportDirectory: URL?
    /// Pairs applied at once (each pair's own writes stay in order).
    public var concurrency: Int = 4
    /// Writes the report files into `reportDirectory` (`report.json` only by default).
    public var reportWriter: any RunReportWriter = JSONReportWriter()

    /// Creates options.
    public init(dryRun: Bool = false, force: Bool = false, policyOverride: ConflictPolicy? = nil, reportDirectory: URL? = nil) {
        self.dryRun = dryRun
        self.force = force
        self.policyOverride = policyOverride
        self.reportDirectory = reportDirectory
    }
}
