import Foundation
import SyncCore
import Synchronization

/// The Fulcrum form and GHL custom field ids a long-running `serve` read last, so an
/// event-driven pass does not spend two requests of GHL's and Fulcrum's budgets re-reading a
/// schema that rarely changes. Poll and full passes read them again (and refresh the cache);
/// an event pass uses them while they are younger than `maxAge`.
public final class SchemaCache: Sendable {
    /// What a pass reads to resolve the mapping.
    struct Schema: Sendable {
        /// The Fulcrum form's body.
        var form: Data
        /// GHL custom field ids by key (when the source has no definitions).
        var customFieldIds: [String: String]
        /// GHL custom field definitions.
        var customFields: [GHLCustomField]
    }

    struct Entry {
        var schema: Schema
        var readAt: ContinuousClock.Instant
    }

    private let entry = Mutex<Entry?>(nil)
    /// How long a read schema is used by event passes.
    public let maxAge: Duration

    /// Creates an empty cache.
    public init(maxAge: Duration = .seconds(300)) {
        self.maxAge = maxAge
    }

    /// The schema, when read less than `maxAge` ago.
    func fresh() -> Schema? {
        entry.withLock { entry in
            guard let entry, ContinuousClock.now - entry.readAt < maxAge else { return nil }
            return entry.schema
        }
    }

    /// Keeps a schema just read.
    func store(_ schema: Schema) {
        entry.withLock { $0 = Entry(schema: schema, readAt: .now) }
    }
}
