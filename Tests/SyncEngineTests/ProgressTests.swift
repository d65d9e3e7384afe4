import Synchronization
import Testing
@testable import SyncEngine

struct ProgressTests {
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
        func append(_ line: String) { all.withLock { $0.append(line) } }
        var list: [String] { all.withLock { $0 } }
    }

    @Test func applyReportsCountsAnETAAndAlwaysTheLastLine() {
        let lines = Lines()
        let progress = Progress(report: lines.append)
        progress.startApply(total: 3)
        progress.applied(failed: false)
        progress.applied(failed: true)
        progress.applied(failed: false)
        #expect(lines.list.first == "apply: 3 operations to write")
        #expect(lines.list.contains { $0.hasPrefix("apply: 1/3 operations done (0 failed), about ") && $0.hasSuffix(" left") })
        #expect(lines.list.last == "apply: 3/3 operations done (1 failed)")
        // The second operation came within a second of the first: no line for it.
        #expect(!lines.list.contains { $0.hasPrefix("apply: 2/3") })
    }

    @Test func durationsReadWell() {
        #expect(Progress.describe(.milliseconds(200)) == "1 s")
        #expect(Progress.describe(.seconds(75)) == "1 min 15 s")
        #expect(Progress.describe(.seconds(7_500)) == "2 h 5 min")
    }
}

struct WaitReportingSleeperTests {
    @Test func longWaitsAreReportedAndShortOnesAreNot() async throws {
        let lines = ProgressTests.Lines()
        let sleeper = WaitReportingSleeper(base: ImmediateSleeper(), report: lines.append)
        try await sleeper.sleep(for: .milliseconds(200))
        try await sleeper.sleep(for: .milliseconds(2_500))
        #expect(lines.list == ["waiting 2.5 s (API rate limit or retry back-off)"])
    }
}
