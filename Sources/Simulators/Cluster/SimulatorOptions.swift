import Foundation

/// Everything that configures a pair of simulators.
///
/// Defaults are the real services' numbers on any free port. Tests pass a fixed `SimClock`,
/// smaller limits and a fake webhook transport; `fgsync simulate` fills it from flags.
public struct SimulatorOptions: Sendable {
    /// Interface to bind (always loopback for fgsync).
    public var host = "127.0.0.1"
    /// Fulcrum port; 0 picks any free port.
    public var fulcrumPort = 0
    /// GHL port; 0 picks any free port.
    public var ghlPort = 0
    /// Fulcrum simulator settings.
    public var fulcrum = FulcrumOptions()
    /// GHL simulator settings.
    public var ghl = GHLOptions()
    /// Initial data.
    public var seed = SimulatorSeed()
    /// Where to keep state between runs; nil keeps it in memory.
    public var dataDirectory: URL?
    /// Seed of the ids and fault random sources.
    public var randomSeed: UInt64 = 1
    /// Shared simulated clock (wall time by default).
    public var clock = SimClock()
    /// How webhooks are sent.
    public var webhookTransport: any WebhookTransport = URLSessionWebhookTransport()

    /// Creates default options.
    public init() {}

    /// GHL locations and Fulcrum forms served, one pair each (`fgsync simulate --locations N`).
    public var locations: Int {
        get { ghl.locationCount }
        set {
            ghl.locationCount = max(1, newValue)
            fulcrum.formCount = max(1, newValue)
        }
    }
}
