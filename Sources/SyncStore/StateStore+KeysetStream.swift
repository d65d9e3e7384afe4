import Foundation

extension StateStore {
    /// Reads batches of `fetch(after: last key, limit:)` until one comes back short, reading the
    /// next batch while `body` runs on this one (see `forEachLinkedPair`).
    package func streamInKeyOrder<Element: Sendable>(
        batchSize: Int, fetch: @escaping @Sendable (String?, Int) async throws -> [Element],
        key: @escaping @Sendable (Element) -> String, _ body: ([Element]) async throws -> Void
    ) async throws {
        let limit = max(1, batchSize)
        var next: Task<[Element], any Error>? = Task { try await fetch(nil, limit) }
        defer { next?.cancel() }
        while let pending = next {
            let batch = try await pending.value
            let last = batch.last.map(key)
            next = batch.count < limit ? nil : Task { try await fetch(last, limit) }
            if !batch.isEmpty { try await body(batch) }
        }
    }
}
