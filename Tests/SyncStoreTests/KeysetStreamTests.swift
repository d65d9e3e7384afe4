import Testing
@testable import SyncStore

struct KeysetStreamTests {
    /// Keys `k00` ... in order.
    static func keys(_ count: Int) -> [String] { (0..<count).map { "k" + ($0 < 10 ? "0" : "") + String($0) } }

    /// `fetch` over `rows`: up to `limit` keys after `after`, past the first `skipping`.
    static func page(_ rows: [String], after: String?, limit: Int, skipping: Int) -> [String] {
        Array(rows.filter { after == nil || $0 > after! }.dropFirst(skipping).prefix(limit))
    }

    static func streamed(
        batchSize: Int, readers: Int, fetch: @escaping @Sendable (String?, Int, Int) async throws -> [String]
    ) async throws -> (keys: [String], batches: [Int]) {
        var keys: [String] = []
        var batches: [Int] = []
        try await KeysetStream.inKeyOrder(batchSize: batchSize, readers: readers, fetch: fetch, key: { $0 }) { batch in
            keys += batch
            batches.append(batch.count)
        }
        return (keys, batches)
    }

    @Test(arguments: [1, 2, 4], [0, 1, 4, 5, 6, 10, 11, 23])
    func everyKeyComesOnceInOrderInBatchesOfTheSizeAskedFor(readers: Int, count: Int) async throws {
        let rows = Self.keys(count)
        let (keys, batches) = try await Self.streamed(batchSize: 5, readers: readers) { after, limit, skipping in
            Self.page(rows, after: after, limit: limit, skipping: skipping)
        }
        #expect(keys == rows)
        #expect(batches.dropLast().allSatisfy { $0 == 5 })
        #expect(batches.last ?? 0 <= 5)
    }

    @Test(arguments: [
        ("a row deleted before the shared one", keys(20).filter { $0 != "k02" }),
        ("a row inserted before the shared one", (keys(20) + ["k02a"]).sorted()),
    ])
    func aBatchReadAfterTheRowsChangedIsReadAgainWithoutSkippingOrRepeatingAny(change: String, changed: [String]) async throws {
        // Every read that skips rows sees the changed rows; every read that skips none, the
        // rows as they were.
        let rows = Self.keys(20)
        let (keys, _) = try await Self.streamed(batchSize: 5, readers: 2) { after, limit, skipping in
            Self.page(skipping == 0 ? rows : changed, after: after, limit: limit, skipping: skipping)
        }
        #expect(keys == rows, "\(change)")
    }

    @Test func aThrowingReadStopsTheStreamAndIsRethrown() async throws {
        struct Damaged: Error {}
        let rows = Self.keys(30)
        await #expect(throws: Damaged.self) {
            _ = try await Self.streamed(batchSize: 5, readers: 2) { after, limit, skipping in
                if after == "k09" { throw Damaged() }
                return Self.page(rows, after: after, limit: limit, skipping: skipping)
            }
        }
    }
}
