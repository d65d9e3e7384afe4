import CoreMetrics
import Foundation
import Metrics
import Prometheus

/// What `/metrics` shows, in Prometheus text format: webhooks by source and outcome, the
/// inbox, passes, writes, 429s, conflicts and echoes.
///
/// Recorded through swift-metrics against a registry of our own (no global bootstrap), so two
/// services in one process (tests) never share counts.
final class ServeMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

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

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
            .seconds(5), .seconds(15), .seconds(60), .seconds(300),
        ]
        self.factory = factory
    }

    /// Counts one delivery.
    func webhook(source: String, _ outcome: WebhookOutcome) {
        Counter(label: "fgsync_webhooks_total", dimensions: [("source", source), ("outcome", outcome.rawValue)], factory: factory)
            .increment()
    }

    /// Sets the inbox gauges.
    func inbox(waiting: Int, parked: Int) {
        Gauge(label: "fgsync_inbox_waiting", factory: factory).record(waiting)
        Gauge(label: "fgsync_inbox_parked", factory: factory).record(parked)
    }

    /// Records a finished pass: its kind (`events`, `poll`, `full`), outcome, duration and counts.
    func pass(kind: String, outcome: String, duration: Duration, writes: [String: Int], conflicts: Int, echoes: Int, rateLimited: Int) {
        Counter(label: "fgsync_passes_total", dimensions: [("kind", kind), ("outcome", outcome)], factory: factory).increment()
        CoreMetrics.Timer(label: "fgsync_pass_duration_seconds", dimensions: [("kind", kind)], factory: factory).record(duration: duration)
        for (side, count) in writes where count > 0 {
            Counter(label: "fgsync_writes_total", dimensions: [("side", side)], factory: factory).increment(by: count)
        }
        if conflicts > 0 { Counter(label: "fgsync_conflicts_total", factory: factory).increment(by: conflicts) }
        if echoes > 0 { Counter(label: "fgsync_echoes_total", factory: factory).increment(by: echoes) }
        if rateLimited > 0 { Counter(label: "fgsync_rate_limited_total", factory: factory).increment(by: rateLimited) }
    }

    /// Counts inbox events the worker finished with: `applied`, `ignored` (not for this
    /// sync), `retried` (failed, tried again later) or `parked` (gave up).
    func events(_ outcome: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: "fgsync_events_total", dimensions: [("outcome", outcome)], factory: factory).increment(by: count)
    }

    /// The Prometheus text exposition.
    func text() -> String { registry.emitToString() }
}
