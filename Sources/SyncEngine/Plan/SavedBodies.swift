import Foundation
import SyncCore

/// Both sides as saved API bodies, served through the gateways a live run uses, so `fgsync plan`
/// snapshots, plans and reports through exactly the code `reconcile` runs.
///
/// Reads only: every write throws, and a contact is "read by id" from the saved listing (the
/// file is the whole location as far as the plan knows).
struct SavedBodies: Sendable {
    /// The Fulcrum side: the form and the records, page by page as saved.
    let fulcrum: Fulcrum
    /// The GHL side: the contacts, page by page as saved.
    let ghl: GHL
    /// Items that could not be read (no id), with where they were.
    let held: [HeldItem]

    init(form: Data, records: Data, recordsSource: String, contacts: Data, contactsSource: String, mapping: ResolvedMapping) throws {
        let fulcrumRead = try SnapshotDecoder.readablePages(
            records, source: recordsSource, side: .fulcrum, project: FulcrumProjection(mapping: mapping).project)
        let ghlRead = try SnapshotDecoder.readablePages(
            contacts, source: contactsSource, side: .ghl, project: GHLProjection(mapping: mapping).project)
        fulcrum = Fulcrum(formBody: form, pages: fulcrumRead.pages.map(Self.raw))
        ghl = GHL(pages: ghlRead.pages.map(Self.raw))
        held = fulcrumRead.held + ghlRead.held
    }

    private static func raw(_ page: [SnapshotDecoder.Item]) -> [RawRecord] {
        page.map { RawRecord(id: $0.state.id, json: $0.json) }
    }

    static func refused() -> SyncEngineError {
        SyncEngineError(.usage, "fgsync plan writes to neither system; run `fgsync reconcile` to apply a plan")
    }

    /// Saved Fulcrum bodies as a `FulcrumGateway`.
    struct Fulcrum: FulcrumGateway {
        let formBody: Data
        let pages: [[RawRecord]]

        func form() async throws -> Data { formBody }
        func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
            for records in pages { try await page(records) }
        }
        func record(id: String) async throws -> RawRecord? { pages.joined().last { $0.id == id } }
        func create(body: Data) async throws -> RawRecord { throw refused() }
        func patch(id: String, body: Data) async throws -> RawRecord { throw refused() }
        func delete(id: String) async throws { throw refused() }
    }

    /// Saved GHL bodies as a `GHLGateway`.
    struct GHL: GHLGateway {
        let pages: [[RawRecord]]

        func customFieldIds() async throws -> [String: String] { [:] }
        func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
            for contacts in pages where !contacts.isEmpty { try await page(contacts) }
        }
        func contact(id: String) async throws -> RawRecord? { pages.joined().last { $0.id == id } }
        func create(body: Data) async throws -> GHLCreateOutcome { throw refused() }
        func update(id: String, body: Data) async throws -> RawRecord { throw refused() }
        func delete(id: String) async throws { throw refused() }
        func addTags(id: String, body: Data) async throws -> [String] { throw refused() }
        func removeTags(id: String, body: Data) async throws -> [String] { throw refused() }
        func findContact(customField fieldId: String, value: String) async throws -> RawRecord? { nil }
        /// The first saved contact with this email (any case), else this phone, as GHL's check looks.
        func duplicateContact(email: String?, phone: String?) async throws -> RawRecord? {
            let contacts = Array(pages.joined())
            if let email = email?.lowercased(),
                let match = contacts.first(where: { ($0.object["email"] as? String)?.lowercased() == email })
            {
                return match
            }
            guard let phone else { return nil }
            return contacts.first { ($0.object["phone"] as? String) == phone }
        }
    }
}
