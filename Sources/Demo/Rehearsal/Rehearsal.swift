import Foundation
import SyncCore
import SyncEngine

/// What `fgsync rehearse` found: the report of the first run it rehearsed, and the end state
/// that run would leave, with a sample of people before and after.
public struct Rehearsal: Sendable, Codable {
    /// One sampled person: the values both sides hold before and after.
    public struct Sample: Sendable, Codable, Hashable {
        /// Who (first and last name, or email).
        public var name: String
        /// The person before the run (`nil` when the run creates the person on both sides).
        public var before: EndState.Person?
        /// The person after the run.
        public var after: EndState.Person
    }

    /// The rehearsed run's report (as `fgsync reconcile` would store it).
    public var report: RunReport
    /// Both live sides before.
    public var before: EndState
    /// Both sides as the run would leave them.
    public var after: EndState
    /// Up to 20 people, those the run changes first.
    public var sample: [Sample]

    /// Picks the sample: people whose values the run changes (or links), then others, in order.
    static func sample(before: EndState, after: EndState, size: Int = 20) -> [Sample] {
        var byFulcrum: [String: EndState.Person] = [:]
        var byContact: [String: EndState.Person] = [:]
        for person in before.people {
            if let id = person.fulcrumId { byFulcrum[id] = person }
            if let id = person.contactId { byContact[id] = person }
        }
        let samples = after.people.map { person in
            // Before the run a pair's two records may have been two people, one per side.
            let record = person.fulcrumId.flatMap { byFulcrum[$0] }
            let contact = person.contactId.flatMap { byContact[$0] }
            var previous: EndState.Person?
            if record != nil || contact != nil {
                previous = EndState.Person(
                    fulcrumId: record?.fulcrumId, contactId: contact?.contactId, fulcrum: record?.fulcrum, ghl: contact?.ghl,
                    fulcrumTags: record?.fulcrumTags, ghlTags: contact?.ghlTags, linked: false)
                // Linked before: the before-person is that pair as it was.
                if let record, record.linked, record.contactId == person.contactId { previous = record }
            }
            return Sample(name: person.name, before: previous, after: person)
        }
        let changed = samples.filter { $0.before != $0.after }
        let same = samples.filter { $0.before == $0.after }
        return Array((changed + same).prefix(size))
    }
}
