import Foundation
import SyncEngine

/// The copy's Fulcrum side, with one difference: a record's history is read from the live
/// Fulcrum (one GET of `records/{id}/history`), because the copy has only each record's current version, and the `newest`
/// policy decides conflicts from the version in which a value first appeared.
struct RehearsalFulcrumGateway: FulcrumGateway {
    let copy: any FulcrumGateway
    let live: any FulcrumGateway

    func form() async throws -> Data { try await copy.form() }
    func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await copy.records(page) }
    func record(id: String) async throws -> RawRecord? { try await copy.record(id: id) }
    func create(body: Data) async throws -> RawRecord { try await copy.create(body: body) }
    func patch(id: String, body: Data) async throws -> RawRecord { try await copy.patch(id: id, body: body) }
    func delete(id: String) async throws { try await copy.delete(id: id) }
    func changes(after sequence: Int64, _ page: @Sendable ([RecordChange]) async throws -> Void) async throws {
        try await copy.changes(after: sequence, page)
    }

    func history(id: String) async throws -> [RawRecord]? {
        // A record the rehearsal created has no live history (the live Fulcrum answers not found,
        // which the gateway reads as no versions); the copy's is the truth for it.
        guard let versions = try await live.history(id: id), !versions.isEmpty else { return try await copy.history(id: id) }
        return versions
    }
}
