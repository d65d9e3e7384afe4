import Foundation
import GRDB
import SyncCore

/// A `journal` row decoded by column name (GRDB's `FetchableRecord`), so a migration that adds
/// or reorders columns cannot shift one value into another.
struct JournalRow: Decodable, FetchableRecord {
    var id: Int64
    var runId: Int64
    var seq: Int
    var payload: String
    var state: String
    var response: String?
    var error: String?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, seq, payload, state, response, error
        case runId = "run_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// The entry, with its operation decoded from `payload`.
    func entry() throws -> JournalEntry {
        JournalEntry(
            id: id, runId: runId, seq: seq,
            operation: try JSONDecoder().decode(SyncCore.Operation.self, from: Data(payload.utf8)),
            state: JournalEntry.State(rawValue: state) ?? .pending, response: response, error: error,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
