import Foundation
import SyncEngine
import SyncHTTP
import Synchronization

/// A GHL gateway whose next create reaches the server but whose answer is lost (a timeout
/// after the request was sent): the contact exists, the engine does not know its id. With
/// `reachesServer: false` the request is lost on the way instead: same error, no contact.
final class LostCreateGHLGateway: GHLGateway {
    let base: any GHLGateway
    let error: APIError
    let reachesServer: Bool
    private let armed = Mutex(true)

    init(
        _ base: any GHLGateway, error: APIError = APIError(.timeout, route: "POST /contacts/", message: "no complete response in time"),
        reachesServer: Bool = true
    ) {
        self.base = base
        self.error = error
        self.reachesServer = reachesServer
    }

    func customFieldIds() async throws -> [String: String] { try await base.customFieldIds() }
    func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await base.contacts(page) }
    func contact(id: String) async throws -> RawRecord? { try await base.contact(id: id) }
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

    func create(body: Data) async throws -> GHLCreateOutcome {
        let lose = armed.withLock { armed in defer { armed = false }; return armed }
        if lose && !reachesServer { throw error }
        let outcome = try await base.create(body: body)
        if lose { throw error }
        return outcome
    }
}

/// A Fulcrum gateway whose next create reaches the server but whose answer is lost.
final class LostCreateFulcrumGateway: FulcrumGateway {
    let base: any FulcrumGateway
    private let armed = Mutex(true)

    init(_ base: any FulcrumGateway) { self.base = base }

    func form() async throws -> Data { try await base.form() }
    func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await base.records(page) }
    func record(id: String) async throws -> RawRecord? { try await base.record(id: id) }
    func patch(id: String, body: Data) async throws -> RawRecord { try await base.patch(id: id, body: body) }
    func delete(id: String) async throws { try await base.delete(id: id) }
    func history(id: String) async throws -> [RawRecord]? { try await base.history(id: id) }

    func create(body: Data) async throws -> RawRecord {
        let record = try await base.create(body: body)
        if armed.withLock({ armed in defer { armed = false }; return armed }) {
            throw APIError(.timeout, route: "POST /api/v2/records.json", message: "no complete response in time")
        }
        return record
    }
}
