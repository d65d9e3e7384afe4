import Foundation
import Synchronization

/// The Fulcrum form and GHL custom field ids a long-running `serve` read last, so an
/// event-driven pass does not spend two requests of GHL's and Fulcrum's budgets re-reading a
/// schema that rarely changes. Poll and full passes read them again (and refresh the cache);
/// an event pass uses them while they are younger than `maxAge`.
public final class SchemaCache: Sendable {
    struct Entry {
        var form: Data
        var customFieldIds: [String: String]
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
    func fresh() -> (form: Data, customFieldIds: [String: String])? {
        entry.withLock { entry in
            guard let entry, ContinuousClock.now - entry.readAt < maxAge else { return nil }
            return (entry.form, entry.customFieldIds)
        }
    }

    /// Keeps a schema just read.
    func store(form: Data, customFieldIds: [String: String]) {
        entry.withLock { $0 = Entry(form: form, customFieldIds: customFieldIds, readAt: .now) }
    }
}
