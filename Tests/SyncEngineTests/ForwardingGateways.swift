import Foundation
import SyncCore
import SyncEngine

/// A Fulcrum gateway that passes every call to `base`; a test double overrides only the calls
/// it changes (a lost answer, an edit made mid-run, a failing listing).
protocol ForwardingFulcrumGateway: FulcrumGateway {
    var base: any FulcrumGateway { get }
}

extension ForwardingFulcrumGateway {
    func form() async throws -> Data { try await base.form() }
    func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await base.records(page) }
    func record(id: String) async throws -> RawRecord? { try await base.record(id: id) }
    func create(body: Data) async throws -> RawRecord { try await base.create(body: body) }
    func patch(id: String, body: Data) async throws -> RawRecord { try await base.patch(id: id, body: body) }
    func delete(id: String) async throws { try await base.delete(id: id) }
    func history(id: String) async throws -> [RawRecord]? { try await base.history(id: id) }
}

/// A GHL gateway that passes every call to `base`; a test double overrides only what it changes.
protocol ForwardingGHLGateway: GHLGateway {
    var base: any GHLGateway { get }
}

extension ForwardingGHLGateway {
    func customFieldIds() async throws -> [String: String] { try await base.customFieldIds() }
    func customFields() async throws -> [GHLCustomField] { try await base.customFields() }
    func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await base.contacts(page) }
    func contact(id: String) async throws -> RawRecord? { try await base.contact(id: id) }
    func create(body: Data) async throws -> GHLCreateOutcome { try await base.create(body: body) }
    func update(id: String, body: Data) async throws -> RawRecord { try await base.update(id: id, body: body) }
    func delete(id: String) async throws { try await base.delete(id: id) }
    func addTags(id: String, body: Data) async throws -> [String] { try await base.addTags(id: id, body: body) }
    func removeTags(id: String, body: Data) async throws -> [String] { try await base.removeTags(id: id, body: body) }
    func findContact(customField fieldId: String, value: String) async throws -> RawRecord? {
        try await base.findContact(customField: fieldId, value: value)
    }
    func duplicateContact(email: String?, phone: String?) async throws -> RawRecord? {
        try await base.duplicateContact(email: email, phone: phone)
    }
}
