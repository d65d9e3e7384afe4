import Foundation
import PostgresNIO
import SyncCore
import SyncStore

extension PostgresStateStore {
    /// The mirrored projections of those of the records `ids` of `side` the mirror holds, by id:
    /// one query for a listed page.
    public func records(_ side: Side, ids: [String]) async throws -> [String: RecordState] {
        guard !ids.isEmpty else { return [:] }
        return try await read("read a page of \(side.recordNoun)s") { tx in
            var decoder = ProjectionDecoder()
            var found: [String: RecordState] = [:]
            for row in try await tx.rows("SELECT id, projection FROM \(unescaped: side.mirrorTable) WHERE id = ANY(\(ids))") {
                let (id, projection) = try row.decode((String, Data).self)
                found[id] = try decoder.decode(projection)
            }
            return found
        }
    }
}
