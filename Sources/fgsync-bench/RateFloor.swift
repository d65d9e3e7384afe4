import Simulators

/// The least time the simulators' rate limits let a run's requests take.
///
/// A limit of `B` requests per window `W` admits `B` at once (a run starts with a full window)
/// and each further request `W / B` after the one `B` before it, so `n` requests need at least
/// `(n - B) * W / B`. The two APIs are paced apart and listed side by side, so the slower side
/// sets the floor. `ghlRateSeconds` is the plain "GHL requests ÷ GHL's allowed rate" (no credit
/// for the first full window), for comparison.
struct RateFloor {
    /// The floor, in seconds.
    var seconds: Double
    /// GHL's requests at 100 per 10 s (or the simulator's burst limit), in seconds.
    var ghlRateSeconds: Double

    init(options: SimulatorOptions, fulcrumRequests: Int, ghlRequests: Int) {
        func floor(_ requests: Int, limit: Int, window seconds: Double) -> Double {
            Double(max(0, requests - limit)) * seconds / Double(max(1, limit))
        }
        let burstWindow = Double(options.ghl.burstWindowMillis) / 1_000
        let ghl = max(
            floor(ghlRequests, limit: options.ghl.burstLimit, window: burstWindow),
            floor(ghlRequests, limit: options.ghl.dailyLimit, window: 86_400))
        let fulcrum = floor(fulcrumRequests, limit: options.fulcrum.hourlyLimit, window: 3_600)
        seconds = max(ghl, fulcrum)
        ghlRateSeconds = Double(ghlRequests) * burstWindow / Double(max(1, options.ghl.burstLimit))
    }
}
