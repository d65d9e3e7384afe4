import Synchronization
import Testing

@testable import SyncEngine

/// A one-shot signal a test waits on without sleeping; the wait ends early (false) when the
/// test is cancelled, e.g. by its time limit.
final class TestSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream()
    }

    func fire() {
        continuation.yield()
        continuation.finish()
    }

    func wait() async -> Bool {
        for await _ in stream { return true }
        return !Task.isCancelled
    }
}

/// `PagePrefetch` fetches a side's next page while the last one is ingested, and no further.
@Suite struct PagePrefetchTests {
    struct Broken: Error {}

    @Test(.timeLimit(.minutes(5))) func theNextPageIsFetchedWhileTheLastIsStillConsumed() async throws {
        let fetchingSecond = TestSignal()
        let overlapped = Mutex(false)

        try await PagePrefetch.run { sink in
            try await sink(1)
            fetchingSecond.fire()
            try await sink(2)
        } consume: { (page: Int) in
            if page == 1 {
                let fired = await fetchingSecond.wait()
                overlapped.withLock { $0 = fired }
            }
        }

        #expect(overlapped.withLock { $0 })
    }

    @Test func theLoopRunsAtMostOnePageAheadOfTheConsumer() async throws {
        let started = Mutex(0)
        let tooFarAhead = Mutex<[Int]>([])

        try await PagePrefetch.run { sink in
            for page in 1...50 {
                // Fetching `page`: the one before was taken, so the consumer has begun the one before that.
                if started.withLock({ $0 }) < page - 2 { tooFarAhead.withLock { $0.append(page) } }
                try await sink(page)
            }
        } consume: { (page: Int) in
            started.withLock { $0 = page }
            await Task.yield()
        }

        #expect(tooFarAhead.withLock { $0 } == [])
        #expect(started.withLock { $0 } == 50)
    }

    @Test func aFailedListingReachesTheConsumerAfterThePagesBeforeIt() async throws {
        let consumed = Mutex<[Int]>([])

        await #expect(throws: Broken.self) {
            try await PagePrefetch.run { sink in
                try await sink(1)
                try await sink(2)
                throw Broken()
            } consume: { (page: Int) in
                consumed.withLock { $0.append(page) }
            }
        }

        #expect(consumed.withLock { $0 } == [1, 2])
    }

    @Test func aFailedIngestStopsTheListing() async throws {
        let offered = Mutex(0)

        await #expect(throws: Broken.self) {
            try await PagePrefetch.run { sink in
                for page in 1...100 {
                    offered.withLock { $0 = page }
                    try await sink(page)
                }
            } consume: { (page: Int) in
                if page == 3 { throw Broken() }
            }
        }

        #expect(offered.withLock { $0 } <= 5)
    }
}
