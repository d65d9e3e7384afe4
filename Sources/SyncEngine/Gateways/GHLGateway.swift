import Foundation
import SyncCore

/// What the engine needs of GoHighLevel, in the engine's terms.
public protocol GHLGateway: Sendable {
    /// Custom field ids by key (and by name), to resolve the mapping's custom fields.
    func customFieldIds() async throws -> [String: String]
    /// The location's custom field definitions with their types and options
    /// (`GET /locations/{id}/customFields`); empty when the source cannot tell.
    func customFields() async throws -> [GHLCustomField]
    /// Every contact of the location, page by page.
    func contacts(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws
    /// One contact, or `nil` when it does not exist.
    func contact(id: String) async throws -> RawRecord?
    /// Creates a contact; a location that forbids duplicates answers with the existing one.
    func create(body: Data) async throws -> GHLCreateOutcome
    /// Updates a contact (partial PUT); returns it.
    func update(id: String, body: Data) async throws -> RawRecord
    /// Deletes a contact.
    func delete(id: String) async throws
    /// Adds tags; returns the contact's tags after the call.
    func addTags(id: String, body: Data) async throws -> [String]
    /// Removes tags; returns the contact's tags after the call.
    func removeTags(id: String, body: Data) async throws -> [String]
    /// The contact whose custom field `fieldId` holds `value`, if exactly one (used to find a
    /// create whose answer was lost in a crash).
    func findContact(customField fieldId: String, value: String) async throws -> RawRecord?
    /// The contact GHL's duplicate check finds for `email` or `phone`, or `nil`. Consistent, unlike
    /// search: a contact created a moment ago is found (`GET /contacts/search/duplicate`).
    func duplicateContact(email: String?, phone: String?) async throws -> RawRecord?
    /// Contacts whose `dateUpdated` is at or after `since`, page by page (a search on
    /// `dateUpdated`, which lags behind writes like every search).
    func contacts(updatedSince since: Date, _ page: @Sendable ([RawRecord]) async throws -> Void) async throws
}

extension GHLGateway {
    /// Sources without definitions: custom fields resolve by `customFieldIds()` and convert as text.
    public func customFields() async throws -> [GHLCustomField] { [] }

    /// Gateways without a search cannot serve a delta pass.
    public func contacts(updatedSince since: Date, _ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
        throw SyncEngineError(.usage, "this GHL source cannot search by dateUpdated; run `fgsync reconcile` instead")
    }
}

/// The answer to a GHL create.
public enum GHLCreateOutcome: Sendable, Hashable {
    /// A new contact.
    case created(RawRecord)
    /// The location does not allow duplicates and this contact already holds the email or phone.
    case duplicate(contactId: String, matchingField: String?)
}
