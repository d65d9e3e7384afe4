import Foundation
import SyncEngine
import SyncHTTP
import Synchronization

/// A GHL gateway whose next create reaches the server but whose answer is lost (a timeout
/// after the request was sent): the contact exists, the engine does not know its id. With
/// `reachesServer: false` the request is lost on the way instead: same error, no contact.
final class LostCreateGHLGateway: ForwardingGHLGateway {
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

    func create(body: Data) async throws -> GHLCreateOutcome {
        let lose = armed.withLock { armed in defer { armed = false }; return armed }
        if lose && !reachesServer { throw error }
        let outcome = try await base.create(body: body)
        if lose { throw error }
        return outcome
    }
}

/// A Fulcrum gateway whose next create reaches the server but whose answer is lost.
final class LostCreateFulcrumGateway: ForwardingFulcrumGateway {
    let base: any FulcrumGateway
    private let armed = Mutex(true)

    init(_ base: any FulcrumGateway) { self.base = base }

    func create(body: Data) async throws -> RawRecord {
        let record = try await base.create(body: body)
        if armed.withLock({ armed in defer { armed = false }; return armed }) {
            throw APIError(.timeout, route: "POST /api/v2/records.json", message: "no complete response in time")
        }
        return record
    }
}
