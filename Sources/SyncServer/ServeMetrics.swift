import CoreMetrics
import Foundation
import Metrics
import Prometheus

/// What `/metrics` shows, in Prometheus text format: webhooks by source and outcome, the
/// inbox, passes, writes, 429s, conflicts and echoes, every series labelled with its sync
/// (`sync="default"` for a single-sync config; `sync="(none)"` for a delivery refused or
/// ignored before it was routed to a sync).
///
/// Recorded through swift-metrics against a registry of our own (no global bootstrap), so two
/// services in one process (tests) never share counts; the syncs of one serve share it.
final class ServeMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// The sync every series of this view is labelled with.
    let sync: String
    /// The label of what no sync owns.
    static let unrouted = "(none)"

    /// How a delivery was answered.
    enum WebhookOutcome: String, Sendable, CaseIterable {
        case accepted, duplicate, ignored
        case rejectedSignature = "rejected_signature"
        case rejectedStale = "rejected_stale"
        case rejectedSecret = "rejected_secret"
        case tooLarge = "too_large"
        case malformed
        case storeFailed = "store_failed"
    }

    /// A view labelled `sync` on `registry`.
    private init(registry: PrometheusCollectorRegistry, factory: PrometheusMetricsFactory, sync: String) {
        self.registry = registry
        self.factory = factory
        self.sync = sync
    }

    /// The metrics of `sync` in the same registry.
    func forSync(_ name: String) -> ServeMetrics { ServeMetrics(registry: registry, factory: factory, sync: name) }

    init(sync: String = ServeMetrics.unrouted) {
        self.sync = sync
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
            .seconds(5), .seconds(15), .seconds(60), .seconds(300),
        ]
        self.factory = factory
    }

    /// Counts one delivery.
    func webhook(source: String, _ outcome: WebhookOutcome) {
        Counter(label: "fgsync_webhooks_total", dimensions: [("source", source), ("outcome", outcome.rawValue), ("sync", sync)], factory: factory)
            .increment()
    }

    /// Sets the inbox gauges.
    func inbox(waiting: Int, parked: Int) {
        Gauge(label: "fgsync_inbox_waiting", dimensions: [("sync", sync)], factory: factory).record(waiting)
        Gauge(label: "fgsync_inbox_parked", dimensions: [("sync", sync)], factory: factory).record(parked)
    }

    /// Records a finished pass: its kind (`events`, `poll`, `full`), outcome, duration and counts.
    func pass(kind: String, outcome: String, duration: Duration, writes: [String: Int], conflicts: Int, echoes: Int, rateLimited: Int) {
        Counter(label: "fgsync_passes_total", dimensions: [("kind", kind), ("outcome", outcome), ("sync", sync)], factory: factory).increment()
        CoreMetrics.Timer(label: "fgsync_pass_duration_seconds", dimensions: [("kind", kind), ("sync", sync)], factory: factory).record(duration: duration)
        for (side, count) in writes where count > 0 {
            Counter(label: "fgsync_writes_total", dimensions: [("side", side), ("sync", sync)], factory: factory).increment(by: count)
        }
        if conflicts > 0 { Counter(label: "fgsync_conflicts_total", dimensions: [("sync", sync)], factory: factory).increment(by: conflicts) }
        if echoes > 0 { Counter(label: "fgsync_echoes_total", dimensions: [("sync", sync)], factory: factory).increment(by: echoes) }
        if rateLimited > 0 { Counter(label: "fgsync_rate_limited_total", dimensions: [("sync", sync)], factory: factory).increment(by: rateLimited) }
    }

    /// Counts inbox events the worker finished with: `applied`, `ignored` (not for this
    /// sync), `retried` (failed, tried again later) or `parked` (gave up).
    func events(_ outcome: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: "fgsync_events_total", dimensions: [("outcome", outcome), ("sync", sync)], factory: factory).increment(by: count)
    }

    /// Counts a GHL app event (`INSTALL`, `UNINSTALL`) handed to the install flow.
    func appEvent(_ type: String) {
        Counter(label: "fgsync_app_events_total", dimensions: [("type", type), ("sync", sync)], factory: factory).increment()
    }

    /// The Prometheus text exposition.
    func text() -> String { registry.emitToString() }
}
