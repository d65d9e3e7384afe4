import Foundation

/// What the engine needs of Fulcrum, in the engine's terms.
///
/// `FulcrumClientGateway` implements it over HTTP; keeping the engine on this narrow surface
/// lets the propagator be unit-tested with an in-memory double.
public protocol FulcrumGateway: Sendable {
    /// The form definition (`{"form": {...}}`).
    func form() async throws -> Data
    /// Every record of the form, page by page, in `updated_at` order.
    func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws
    /// One record, or `nil` when it does not exist.
    func record(id: String) async throws -> RawRecord?
    /// Creates a record from its JSON object (with a client-chosen id); returns it.
    func create(body: Data) async throws -> RawRecord
    /// PATCHes the top-level keys of a record object; returns the record.
    func patch(id: String, body: Data) async throws -> RawRecord
    /// Deletes a record.
    func delete(id: String) async throws
    /// Every version of one record, oldest first (`records/{id}/history`); `nil` when this
    /// gateway cannot read history, and the `newest` policy then uses the record's time.
    func history(id: String) async throws -> [RawRecord]?
    /// The form's change feed after `sequence` (`records/history.json`), page by page, in feed
    /// order: updates and deletes alike, which `records.json` cannot show.
    func changes(after sequence: Int64, _ page: @Sendable ([RecordChange]) async throws -> Void) async throws
}

extension FulcrumGateway {
    /// Gateways without a history reader (in-memory doubles) know no field history.
    public func history(id: String) async throws -> [RawRecord]? { nil }

    /// Gateways without a change feed cannot serve a delta pass.
    public func changes(after sequence: Int64, _ page: @Sendable ([RecordChange]) async throws -> Void) async throws {
        throw SyncEngineError(.usage, "this Fulcrum source has no change feed; run `fgsync reconcile` instead")
    }
}
