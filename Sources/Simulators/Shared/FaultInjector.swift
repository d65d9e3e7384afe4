import Foundation

/// Decides, per request, whether to inject a fault instead of running the handler.
///
/// Faults are decided before any state changes, so an injected failure never half-applies a
/// write.
final class FaultInjector: @unchecked Sendable {
    // @unchecked: `config` and `random` are only replaced under `lock`.
    private let lock = NSLock()
    private var config = FaultConfig()
    private var random: SeededRandom

    /// What to do instead of handling the request.
    enum Fault: Equatable {
        case status(Int)
        case drop
        case slow(Int)
        /// The write is applied, then the answer is replaced (status 0 drops the connection):
        /// a lost response, or GHL's "422 yet created" (issue #64).
        case afterApply(Int)

        /// Slow and after-apply faults still run the operation.
        var runsHandler: Bool {
            switch self {
            case .slow, .afterApply: return true
            default: return false
            }
        }

        /// The fault that replaces the answer once the operation ran.
        var replacement: Fault? {
            guard case .afterApply(let status) = self else { return nil }
            return status == 0 ? .drop : .status(status)
        }
    }

    init(seed: UInt64) { self.random = SeededRandom(seed: seed) }

    func configure(_ newConfig: FaultConfig) {
        lock.lock()
        defer { lock.unlock() }
        config = newConfig
        if let seed = newConfig.seed { random = SeededRandom(seed: seed) }
    }

    func current() -> FaultConfig {
        lock.lock()
        defer { lock.unlock() }
        return config
    }

    /// The fault for this request, if any; consumes one count of a matching rule.
    func decide(method: String, template: String) -> Fault? {
        lock.lock()
        defer { lock.unlock() }
        if let index = config.failNext.firstIndex(where: { rule in
            rule.count > 0 && (rule.route == "*" || rule.route == template)
                && (rule.method == nil || rule.method!.uppercased() == method)
        }) {
            config.failNext[index].count -= 1
            let status = config.failNext[index].status
            let applied = config.failNext[index].applied ?? false
            if config.failNext[index].count == 0 { config.failNext.remove(at: index) }
            if applied { return .afterApply(status) }
            return status == 0 ? .drop : .status(status)
        }
        let checks: [(Double, Fault)] = [
            (config.pDrop, .drop), (config.pSlow, .slow(config.slowMillis)), (config.p429, .status(429)),
            (config.p500, .status(500)), (config.p502, .status(502)), (config.p503, .status(503)),
        ]
        for (probability, fault) in checks where probability > 0 {
            if random.unit() < probability { return fault }
        }
        return nil
    }
}
