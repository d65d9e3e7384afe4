import SyncCore
import SyncHTTP

/// The request gates serve's syncs share: GHL limits each location (and app), so each sync has
/// its own GHL pacer; Fulcrum's hourly budget belongs to the organisation a token is for, so
/// every sync using the same Fulcrum URL and token variable draws from one budget, which books
/// the waiting syncs' requests in the order they asked.
///
/// Kept for serve's life, so a pass starts with what the last one learnt of the limits.
struct ServeGates: Sendable {
    /// Each sync's gates, by name.
    let bySync: [String: Gates]

    /// One sync's gates.
    struct Gates: Sendable {
        let fulcrum: HourlyBudget
        let ghl: RateLimitPacer
    }

    /// Gates for `entries`, on `sleeper`'s clock.
    init(entries: [SyncSet.Entry], sleeper: any Sleeper) {
        var budgets: [String: HourlyBudget] = [:]
        var bySync: [String: Gates] = [:]
        for entry in entries {
            let key = "\(entry.config.fulcrum.url ?? "https://api.fulcrumapp.com") \(entry.config.fulcrum.tokenEnv)"
            let budget = budgets[key] ?? HourlyBudget(sleeper: sleeper)
            budgets[key] = budget
            bySync[entry.name] = Gates(fulcrum: budget, ghl: RateLimitPacer(sleeper: sleeper))
        }
        self.bySync = bySync
    }

    /// `options` drawing on `sync`'s gates.
    func options(_ options: ClientOptions, sync: String) -> ClientOptions {
        var options = options
        options.fulcrumBudget = bySync[sync]?.fulcrum
        options.ghlPacer = bySync[sync]?.ghl
        return options
    }
}
