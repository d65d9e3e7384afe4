import Testing

@testable import SyncServer

/// The pass slots serve's syncs share, handed out in turn.
@Suite
struct PassSchedulerTests {
    @Test func aSyncThatAsksAgainAndAgainWaitsBehindEveryOtherWaitingSync() async throws {
        let scheduler = PassScheduler(slots: 1)
        await scheduler.acquire("holder")
        // north queues three passes before south and east queue one each.
        var waiters: [Task<Void, Never>] = []
        for name in ["north", "north", "north", "south", "east"] {
            waiters.append(Task { await scheduler.acquire(name); await scheduler.release() })
            while await scheduler.waiting < waiters.count { await Task.yield() }
        }

        await scheduler.release()
        for waiter in waiters { await waiter.value }

        #expect(await scheduler.granted == ["holder", "north", "south", "east", "north", "north"])
    }

    @Test func passesRunAtOnceUpToTheSlotsAndNoMore() async throws {
        let scheduler = PassScheduler(slots: 2)
        await scheduler.acquire("north")
        await scheduler.acquire("south")
        let third = Task { await scheduler.acquire("east") }
        while await scheduler.waiting < 1 { await Task.yield() }

        #expect(await scheduler.granted == ["north", "south"])
        await scheduler.release()
        await third.value
        #expect(await scheduler.granted == ["north", "south", "east"])
    }
}
