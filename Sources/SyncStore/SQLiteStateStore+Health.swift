import Foundation
import GRDB

extension SQLiteStateStore {
    /// The newest schema version this fgsync writes (`fgsync doctor` compares a file's with it).
    public static var latestSchemaVersion: String { StateSchema.currentVersion }

    /// When the newest webhook event from `source` (`ghl`, `fulcrum`) reached the inbox, or
    /// `nil` when none ever did.
    public func lastInboxReceivedAt(source: String) async throws -> Date? {
        try await read("read the newest webhook event") { db in
            try Date.fetchOne(db, sql: "SELECT max(received_at) FROM webhook_inbox WHERE source = ?", arguments: [source])
        }
    }
}
