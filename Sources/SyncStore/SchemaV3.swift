import Foundation
import GRDB

/// Schema version 3: the webhook inbox keeps what `fgsync serve` needs to retry an event that
/// keeps failing with backoff and, after a bounded number of tries, to park it for a person.
/// Released migrations are never edited; an older file is upgraded in place when opened for writing.
enum SchemaV3 {
    static let statements: [String] = [
        "ALTER TABLE webhook_inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        // When a failed event may be tried again; NULL: at once.
        "ALTER TABLE webhook_inbox ADD COLUMN next_attempt_at TEXT",
        // Set when the event gave up after its last try; `fgsync status` lists these.
        "ALTER TABLE webhook_inbox ADD COLUMN parked_at TEXT",
        "ALTER TABLE webhook_inbox ADD COLUMN last_error TEXT",
        "DROP INDEX webhook_inbox_unprocessed",
        "CREATE INDEX webhook_inbox_waiting ON webhook_inbox(received_at) WHERE processed_at IS NULL AND parked_at IS NULL",
        // An event about a record fgsync just wrote is an echo: found by the write's target.
        "CREATE INDEX journal_by_contact ON journal(contact_id, updated_at)",
        "CREATE INDEX journal_by_record ON journal(fulcrum_id, updated_at)",
    ]

    static func create(_ db: Database) throws {
        for sql in statements {
            try db.execute(sql: sql)
        }
    }
}
