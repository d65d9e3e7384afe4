import Foundation
import SyncEngine
import SyncHTTP
import Synchronization
import Testing

/// `sync` and `reconcile` on one state file: the second waits a bounded time for the first.
struct RunLockWaitTests {
    /// Virtual time; the first sleep runs `onSleep` (the other run finishing).
    final class StepSleeper: Sleeper {
        private let elapsed = Mutex(Duration.zero)
        private let onSleep = Mutex<(@Sendable () -> Void)?>(nil)
        init(onFirstSleep: (@Sendable () -> Void)? = nil) { onSleep.withLock { $0 = onFirstSleep } }
        func now() -> Duration { elapsed.withLock { $0 } }
        func sleep(for duration: Duration) async throws {
            elapsed.withLock { $0 += duration }
            onSleep.withLock { action in
                action?()
                action = nil
            }
        }
    }

    static func statePath() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-lockwait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("state.sqlite").path
    }

    @Test func aRunWaitsForTheRunHoldingTheStateFileAndThenTakesTheLock() async throws {
        let path = try Self.statePath()
        let held = Mutex<RunLock?>(try RunLock(statePath: path))
        let sleeper = StepSleeper { held.withLock { $0 = nil } }

        let lock = try await RunLock.waiting(statePath: path, patience: .seconds(60), sleeper: sleeper)

        #expect(lock.statePath.hasSuffix("state.sqlite"))
        #expect(sleeper.now() == .milliseconds(250))
    }

    @Test func aRunGivesUpAfterItsPatienceNamingTheFileAndTheWait() async throws {
        let path = try Self.statePath()
        let held = try RunLock(statePath: path)
        let sleeper = StepSleeper()

        let error = await #expect(throws: SyncEngineError.self) {
            try await RunLock.waiting(statePath: path, patience: .seconds(2), sleeper: sleeper)
        }

        #expect(error?.code == .locked)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("--wait") == true)
        #expect(sleeper.now() <= .seconds(2))
        withExtendedLifetime(held) {}
    }

    @Test func noPatienceMeansNoWait() async throws {
        let path = try Self.statePath()
        let held = try RunLock(statePath: path)
        let sleeper = StepSleeper()
        await #expect(throws: SyncEngineError.self) { try await RunLock.waiting(statePath: path, patience: .zero, sleeper: sleeper) }
        #expect(sleeper.now() == .zero)
        withExtendedLifetime(held) {}
    }
}
