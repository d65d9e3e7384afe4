import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// Finds the contact a GHL create may have made when its answer was lost (a crash, a timeout,
/// a 422 that created it anyway), without trusting GHL's lagging search index.
///
/// 1. The email, then the phone the create sent, through `GET /contacts/search/duplicate`, which
///    does not wait for the index (DESIGN.md "Crash safety"): a contact there carrying our link
///    is the one the create made; no contact at all with that email (or phone) proves the create
///    never happened, so it may be sent again at once.
/// 2. Otherwise (the create sent neither, where the location allows duplicates another contact
///    answers for them, or the check fails) only a search by the link field can tell, and search lags
///    (ghl.md §4.3, §8 item 4). The create is held until `searchLag` after it was attempted;
///    the first run after that searches by the link field and creates it only if it is absent.
struct GHLCreateLookup: Sendable {
    /// What the lookup concluded.
    enum Finding: Sendable {
        /// The create happened: this is the contact.
        case found(RawRecord)
        /// The create did not happen: it may be planned again.
        case absent
        /// Nothing can tell yet; do not create it again before `until`.
        case wait(until: Date, reason: String)
    }

    let ghl: any GHLGateway
    let mapping: ResolvedMapping
    /// How long GHL's search may take to show a new contact.
    let searchLag: Duration
    /// The time of this run.
    let now: Date

    /// Looks up the contact the pending GHL create `entry` may have made.
    func findCreated(_ entry: JournalEntry) async throws -> Finding {
        guard let fulcrumId = entry.operation.fulcrumId else { return .absent }
        let sent = sentKeys(entry)
        var why = sent.isEmpty
            ? "it has no email or phone to look it up by"
            : "another GHL contact holds its \(sent.map(\.0).joined(separator: " and ")) (the location allows duplicates)"
        for (name, value) in sent {
            let match: RawRecord?
            do {
                match = try await ghl.duplicateContact(email: name == "email" ? value : nil, phone: name == "phone" ? value : nil)
            } catch let error as APIError where !error.isAuthFailure {
                // The duplicate check's answer is not published (ghl.md §4.4): when it fails, fall
                // back to waiting for search rather than stopping every run.
                why = "GHL's duplicate check failed (\(error.message))"
                break
            }
            guard let match else { return .absent }
            if let ours = try await linked(match, to: fulcrumId) { return .found(ours) }
        }
        return try await afterSearchLag(entry, fulcrumId: fulcrumId, why: why)
    }

    /// What a dry run can tell without asking GHL: a create with no email or valid phone to
    /// look it up by, inside the search-lag window, is held by a real run for certain.
    func certainWait(_ entry: JournalEntry) -> Finding? {
        guard let fulcrumId = entry.operation.fulcrumId, sentKeys(entry).isEmpty else { return nil }
        return waiting(entry, fulcrumId: fulcrumId, why: "it has no email or phone to look it up by")
    }

    /// The email and the valid phone the create sent, which GHL's duplicate check can find.
    private func sentKeys(_ entry: JournalEntry) -> [(String, String)] {
        ["email", "phone"].compactMap { name -> (String, String)? in
            guard let key = mapping.fields.first(where: { $0.ghl == .standard(name) })?.key,
                let value = entry.operation.fields[key] ?? nil, !value.canonical.isEmpty,
                name == "email" || PhoneNumberCheck.isValidMatchKey(value.canonical)
            else { return nil }
            return (name, value.canonical)
        }
    }

    /// `.wait` while the search-lag window after the attempt lasts, else `nil`.
    private func waiting(_ entry: JournalEntry, fulcrumId: String, why: String) -> Finding? {
        let ready = entry.createdAt.addingTimeInterval(Self.seconds(searchLag))
        guard now >= ready else {
            return .wait(until: ready, reason: "the GHL create for Fulcrum record \(fulcrumId) may have been carried out (it was sent at \(Timestamp.format(entry.createdAt, milliseconds: false)) and its answer was lost), and \(why), so only GHL's search can find it, which may lag by up to \(Int(Self.seconds(searchLag))) s. It is not created again before \(Timestamp.format(ready, milliseconds: false)); the first run after that looks it up and creates it only if it is not there")
        }
        return nil
    }

    /// Held until search can see the contact, then looked up by the link field.
    private func afterSearchLag(_ entry: JournalEntry, fulcrumId: String, why: String) async throws -> Finding {
        if let wait = waiting(entry, fulcrumId: fulcrumId, why: why) { return wait }
        return try await ghl.findContact(customField: mapping.ghlLinkFieldId, value: fulcrumId).map(Finding.found) ?? .absent
    }

    /// `contact` when it carries the link to `fulcrumId`, read by id when the duplicate check's
    /// row does not show the link field.
    private func linked(_ contact: RawRecord, to fulcrumId: String) async throws -> RawRecord? {
        let projection = GHLProjection(mapping: mapping)
        if let link = try Snapshotter.mirror(contact, projection: projection.project).projection.linkId {
            return link == fulcrumId ? contact : nil
        }
        guard let full = try await ghl.contact(id: contact.id) else { return nil }
        return try Snapshotter.mirror(full, projection: projection.project).projection.linkId == fulcrumId ? full : nil
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
