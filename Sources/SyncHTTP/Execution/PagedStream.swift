/// Builds a lazy stream of pages from a cursor: `fetch(cursor)` returns a page and the next
/// cursor (`nil` when that page was the last). Pages are fetched only as the stream is consumed.
package func pagedStream<Page: Sendable, Cursor: Sendable>(
    start: Cursor,
    fetch: @escaping @Sendable (Cursor) async throws -> (page: Page, next: Cursor?)
) -> AsyncThrowingStream<Page, any Error> {
    let state = PagerState(start)
    return AsyncThrowingStream {
        guard let cursor = await state.cursor else { return nil }
        do {
            let (page, next) = try await fetch(cursor)
            await state.set(next)
            return page
        } catch {
            await state.set(nil)
            throw error
        }
    }
}

/// The cursor of a `pagedStream`; `nil` once finished.
actor PagerState<Cursor: Sendable> {
    var cursor: Cursor?
    init(_ cursor: Cursor) { self.cursor = cursor }
    func set(_ next: Cursor?) { cursor = next }
}
