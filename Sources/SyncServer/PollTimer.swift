import Foundation
import Logging
import ServiceLifecycle
import SyncCore

/// Runs a cursor-based delta pass every `sync.poll_interval`, events or not (webhooks are
/// lossy: GHL retries only on 429 and some changes send none), and the full reconcile once a
/// day at `sync.full_reconcile_at` in local time when set. On shutdown it stops between passes.
final class PollTimer: Service, Sendable {
    let runner: PassRunner
    let interval: Duration
    let fullAt: ServeSettings.TimeOfDay?
    let logger: Logger
    private let doorbell = Doorbell()
    private let stopping = Flag()

    init(runner: PassRunner, interval: Duration, fullAt: ServeSettings.TimeOfDay?, logger: Logger) {
        self.runner = runner
        self.interval = interval
        self.fullAt = fullAt
        self.logger = logger
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            var nextFull = fullAt.map { Self.next($0, after: Date()) }
            while !stopping.value {
                var wait = interval
                if let nextFull { wait = min(wait, .milliseconds(max(0, Int64(nextFull.timeIntervalSinceNow * 1_000)))) }
                await doorbell.wait(timeout: wait)
                if stopping.value { break }
                if let due = nextFull, due <= Date() {
                    _ = try? await runner.run(.full)
                    nextFull = fullAt.map { Self.next($0, after: Date()) }
                } else {
                    _ = try? await runner.run(.poll)
                }
            }
        } onGracefulShutdown: {
            self.stopping.set()
            Task { await self.doorbell.ring() }
        }
    }

    /// The next time `time` comes round in local time, after `date`.
    static func next(_ time: ServeSettings.TimeOfDay, after date: Date, calendar: Calendar = .current) -> Date {
        let components = DateComponents(hour: time.hour, minute: time.minute, second: 0)
        return calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime) ?? date.addingTimeInterval(86_400)
    }
}
