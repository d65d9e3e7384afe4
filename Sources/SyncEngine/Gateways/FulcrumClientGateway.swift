import Foundation
import FulcrumAPI
import SyncHTTP

/// `FulcrumGateway` over the HTTP client, for one form.
public struct FulcrumClientGateway: FulcrumGateway {
    /// The client.
    public let client: FulcrumClient
    /// The form synced.
    public let formId: String
    /// Records per list page (the API allows 20,000; small pages keep memory flat and resumable).
    public var pageSize: Int

    /// Creates a gateway.
    public init(client: FulcrumClient, formId: String, pageSize: Int = 1_000) {
        self.client = client
        self.formId = formId
        self.pageSize = pageSize
    }

    public func form() async throws -> Data { try await client.form(id: formId) }

    public func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
        for try await result in client.records(formId: formId, perPage: pageSize) {
            try await page(result.records.map { RawRecord(id: $0.id, json: $0.json) })
        }
    }

    public func record(id: String) async throws -> RawRecord? {
        do {
            let record = try await client.record(id: id)
            return RawRecord(id: record.id, json: record.json)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    public func create(body: Data) async throws -> RawRecord {
        let record = try await client.createRecord(json: body)
        return RawRecord(id: record.id, json: record.json)
    }

    public func patch(id: String, body: Data) async throws -> RawRecord {
        let record = try await client.patchRecord(id: id, json: body)
        return RawRecord(id: record.id, json: record.json)
    }

    public func changes(after sequence: Int64, _ page: @Sendable ([RecordChange]) async throws -> Void) async throws {
        for try await result in client.history(formId: formId, sequence: sequence, perPage: pageSize) {
            try await page(result.items.map {
                RecordChange(
                    record: RawRecord(id: $0.record.id, json: $0.record.json), deleted: $0.change == .delete,
                    // An entry without its own sequence is at least where the page ends (fulcrum.md §2.7, §6.2).
                    sequence: $0.sequence ?? result.nextSequence)
            })
        }
    }

    public func history(id: String) async throws -> [RawRecord]? {
        do {
            return try await client.recordHistory(id: id).map { RawRecord(id: $0.record.id, json: $0.record.json) }
        } catch let error as APIError where error.isNotFound {
            return []
        }
    }

    public func delete(id: String) async throws {
        do {
            try await client.deleteRecord(id: id)
        } catch let error as APIError where error.isNotFound {
            // Already gone: the delete's goal holds.
        }
    }
}
