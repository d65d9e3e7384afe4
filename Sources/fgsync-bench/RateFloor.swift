import Simulators

/// The least time the simulators' rate limits let a run's requests take.
///
/// Each limit is `B` requests in any window of `W` (the simulators count a sliding window). Any
/// span shorter than `k * W` is covered by `k` such windows and so holds at most `k * B`
/// requests: `n` requests need at least `(ceil(n / B) - 1) * W`, which sending each request at
/// the first moment the window allows reaches (201 GHL requests at 100 per 10 s: 20 s, since
/// the 201st can only go once the 101st is 10 s old). The two APIs are paced apart and listed
/// side by side, so the slower side sets the floor. `ghlRateSeconds` is the plain "GHL requests
/// ÷ GHL's allowed rate", for comparison.
///
/// The floor used to be `(n - B) * W / B`, a full first window and then the steady rate, which
/// no client can reach under a sliding window (10.1 s for those 201 requests).
struct RateFloor {
    /// The floor, in seconds.
    var seconds: Double
    /// GHL's requests at 100 per 10 s (or the simulator's burst limit), in seconds.
    var ghlRateSeconds: Double

    init(options: SimulatorOptions, fulcrumRequests: Int, ghlRequests: Int) {
        func floor(_ requests: Int, limit: Int, window seconds: Double) -> Double {
            let limit = max(1, limit)
            let windows = (requests + limit - 1) / limit
            return Double(max(0, windows - 1)) * seconds
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
