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
    /// How long GHL's search may take to show a new contact (it "may take a few seconds",
    /// ghl.md §4.3). A GHL create whose answer was lost and that GHL's consistent duplicate
    /// check cannot settle (no email or phone) is not sent again before this has passed.
    public var ghlSearchLag: Duration = ReconcileOptions.defaultGHLSearchLag
    /// Five minutes: far beyond the seconds GHL documents.
    public static let defaultGHLSearchLag = Duration.seconds(300)
    /// A delta pass (`fgsync sync`): read only what changed since the cursors instead of
    /// listing both sides; planned, applied and reported the same way.
    public var delta = false
    /// With `delta`: re-read the records these webhook events name instead of reading the
    /// change feeds; the cursors stay, and the events the pass settled are marked processed.
    public var events: [WebhookEvent]? = nil
    /// `serve`'s schema cache: event passes reuse the form and custom field ids a recent pass read.
    public var schemaCache: SchemaCache? = nil
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
