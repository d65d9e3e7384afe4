import Foundation
import GRDB
import SyncCore

extension SQLiteStateStore {
    /// The mirrored projections of those of the records `ids` of `side` the mirror holds, by id.
    public func records(_ side: Side, ids: [String]) async throws -> [String: RecordState] {
        let sorted = ids.sorted()
        guard !sorted.isEmpty else { return [:] }
        return try await read("read a page of \(side.recordNoun)s") { db in
            var found: [String: RecordState] = [:]
            var decoder = ProjectionDecoder(unpacker: self.unpacker(db))
            try Self.inChunks(sorted) { marks, arguments in
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, projection FROM \(side.mirrorTable) WHERE id IN (\(marks))", arguments: arguments)
                while let row = try rows.next() {
                    found[row[0]] = try decoder.decode(row[1])
                }
            }
            return found
        }
    }
}
