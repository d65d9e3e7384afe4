import Foundation
import SyncCore
import SyncHTTP

/// Saved GHL children for `fgsync plan --ghl-children`: per contactId, the bodies' lists of
/// `GET /contacts/{id}/notes`, `.../tasks` and `.../appointments` (`{"notes": [...], "tasks":
/// [...], "events": [...]}`), served as the GHL side's child listings. A contact missing from the
/// file was not listed, so its pair's children are not planned; every write is refused.
struct SavedChildren: GHLGateway, GHLChildGateway {
    let contacts: SavedBodies.GHL
    let listings: [String: [ChildKind: [RawRecord]]]

    init(contacts: SavedBodies.GHL, json: Data, source: String) throws {
        guard let top = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw SyncEngineError(.input, "\(source): expected a JSON object of contactId -> {\"notes\": [...], \"tasks\": [...], \"events\": [...]}")
        }
        var listings: [String: [ChildKind: [RawRecord]]] = [:]
        for (contactId, value) in top {
            let lists = value as? [String: Any] ?? [:]
            for kind in ChildKind.allCases {
                listings[contactId, default: [:]][kind] = (lists[ChildListing.listKey(kind)] as? [[String: Any]] ?? []).compactMap { object in
                    guard let id = object["id"] as? String, let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
                    return RawRecord(id: id, json: data)
                }
            }
        }
        self.contacts = contacts
        self.listings = listings
    }

    func children(_ kind: ChildKind, contactId: String) async throws -> [RawRecord] {
        guard let lists = listings[contactId] else {
            throw APIError(.notFound, route: "GET /contacts/{id}/\(ChildListing.listKey(kind))", status: 404, message: "not in the --ghl-children file")
        }
        return lists[kind] ?? []
    }

    func createChild(_ kind: ChildKind, contactId: String, body: Data) async throws -> RawRecord { throw SavedBodies.refused() }
    func updateChild(_ kind: ChildKind, contactId: String, id: String, body: Data) async throws -> RawRecord { throw SavedBodies.refused() }
    func completeTask(contactId: String, id: String, completed: Bool) async throws -> RawRecord { throw SavedBodies.refused() }
    func deleteChild(_ kind: ChildKind, contactId: String, id: String) async throws { throw SavedBodies.refused() }

    func customFieldIds() async throws -> [String: String] { try await contacts.customFieldIds() }
    func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await contacts.contacts(page) }
    func contact(id: String) async throws -> RawRecord? { try await contacts.contact(id: id) }
    func create(body: Data) async throws -> GHLCreateOutcome { throw SavedBodies.refused() }
    func update(id: String, body: Data) async throws -> RawRecord { throw SavedBodies.refused() }
    func delete(id: String) async throws { throw SavedBodies.refused() }
    func addTags(id: String, body: Data) async throws -> [String] { throw SavedBodies.refused() }
    func removeTags(id: String, body: Data) async throws -> [String] { throw SavedBodies.refused() }
    func findContact(customField fieldId: String, value: String) async throws -> RawRecord? { nil }
    func duplicateContact(email: String?, phone: String?) async throws -> RawRecord? {
        try await contacts.duplicateContact(email: email, phone: phone)
    }
}
