/// Runs a page loop ahead of the code that consumes its pages: while one page is ingested the
/// next is fetched, so a snapshot costs the slower of the two instead of their sum.
///
/// Memory stays bounded: the loop hands a page over and waits until it is taken before it
/// fetches the one after, so at most the page being consumed, one waiting and one being
/// fetched exist at once. A failure on either side stops both and is rethrown.
enum PagePrefetch {
    /// Feeds every page `produce` yields to `consume`, in order, fetching one page ahead.
    static func run<Page: Sendable>(
        produce: @escaping @Sendable (_ sink: @escaping @Sendable (Page) async throws -> Void) async throws -> Void,
        consume: @escaping @Sendable (Page) async throws -> Void
    ) async throws {
        let handoff = PageHandoff<Page>()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await produce { page in try await handoff.put(page) }
                    await handoff.finish(nil)
                } catch {
                    await handoff.finish(error)
                }
            }
            do {
                while let page = try await handoff.next() { try await consume(page) }
            } catch {
                await handoff.stop()
                throw error
            }
            try await group.waitForAll()
        }
    }
}

/// The one-page rendezvous between a page loop and its consumer.
actor PageHandoff<Page: Sendable> {
    private var waiting: Page?
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    private var consumer: CheckedContinuation<Page?, any Error>?
    private var producer: CheckedContinuation<Void, Never>?

    /// Hands `page` over and returns once the consumer took it; throws once the consumer stopped.
    func put(_ page: Page) async throws {
        if stopped { throw CancellationError() }
        if let consumer {
            self.consumer = nil
            consumer.resume(returning: page)
            return
        }
        waiting = page
        await withCheckedContinuation { producer = $0 }
        if stopped { throw CancellationError() }
    }

    /// The next page, or `nil` after the last; rethrows the loop's failure.
    func next() async throws -> Page? {
        if let page = waiting {
            waiting = nil
            producer?.resume()
            producer = nil
            return page
        }
        if finished {
            if let failure { throw failure }
            return nil
        }
        return try await withCheckedThrowingContinuation { consumer = $0 }
    }

    /// The loop ended, after its last page or with `error`.
    func finish(_ error: (any Error)?) {
        finished = true
        failure = error
        guard let consumer else { return }
        self.consumer = nil
        if let error { consumer.resume(throwing: error) } else { consumer.resume(returning: nil) }
    }

    /// The consumer gave up: the loop's next hand-over throws.
    func stop() {
        stopped = true
        waiting = nil
        producer?.resume()
        producer = nil
    }
}
