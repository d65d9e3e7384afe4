import Demo
import Foundation
import Simulators

/// Seed data for the end-to-end tests, in each API's own shape.
enum LiveSeeds {
    static let names = [
        ("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Edsger", "Dijkstra"), ("Barbara", "Liskov"),
        ("Donald", "Knuth"), ("Frances", "Allen"), ("John", "McCarthy"), ("Margaret", "Hamilton"), ("Dennis", "Ritchie"),
    ]

    /// Fulcrum record id of person `index` (1-based).
    static func recordId(_ index: Int) -> String { "f-\(index)" }
    /// GHL contact id of person `index` (1-based).
    static func contactId(_ index: Int) -> String { "Ghl\(index)" }
    /// Email of person `index`.
    static func email(_ index: Int) -> String { "\(names[index - 1].0.lowercased())@example.com" }

    /// `count` people on both sides that match by email (written in a different case on GHL),
    /// with the phone in a national format on Fulcrum and E.164 on GHL, and a company on
    /// Fulcrum only. After a first sync they are `count` linked pairs.
    static func pairs(_ harness: LiveHarness, count: Int, tags: [String] = []) async {
        let sims = harness.sims
        var records: [JSONValue] = []
        var contacts: [JSONValue] = []
        for index in 1...count {
            let (first, last) = names[index - 1]
            let line = String(format: "%04d", 100 + index)
            records.append(sims.fulcrumRecord(
                id: recordId(index),
                values: ["first_name": first, "last_name": last, "email": email(index), "phone": "(415) 555-\(line)",
                         "company_name": "Company \(index)"],
                tags: tags))
            contacts.append(sims.ghlContact(
                id: contactId(index),
                fields: ["firstName": first, "lastName": last, "email": email(index).uppercased(), "phone": "+1415555\(line)"],
                tags: tags))
        }
        await sims.cluster.fulcrum.store.seed(records: records)
        await sims.cluster.ghl.store.seed(contacts: contacts)
    }

    /// Fulcrum: Ada (email), Grace (phone only), Alan (new). GHL: Ada (email case differs),
    /// Grace (phone in E.164), Katherine (new): a first sync matches two and creates one each way.
    static func mixed(_ harness: LiveHarness) async {
        await ReconcileEndToEndTests.seedFirstSync(harness)
    }

    /// `count` more people (emails `person<i>@example.org`): every third on both sides (matched
    /// by email), every third only in Fulcrum, every third only in GHL, so a first sync makes
    /// creates both ways.
    static func crowd(_ harness: LiveHarness, count: Int) async {
        let sims = harness.sims
        var records: [JSONValue] = []
        var contacts: [JSONValue] = []
        for index in 1...count {
            let email = "person\(index)@example.org"
            let phone = String(format: "+1628555%04d", index)
            let tags = index % 2 == 0 ? ["Customer"] : []
            if index % 3 != 2 {
                records.append(sims.fulcrumRecord(
                    id: "f-crowd-\(index)",
                    values: ["first_name": "Person", "last_name": "Number \(index)", "email": email, "phone": phone], tags: tags))
            }
            if index % 3 != 1 {
                contacts.append(sims.ghlContact(
                    id: "GhlCrowd\(index)",
                    fields: ["firstName": "Person", "lastName": "Number \(index)", "email": email, "companyName": "Crowd \(index)"],
                    tags: tags))
            }
        }
        await sims.cluster.fulcrum.store.seed(records: records)
        await sims.cluster.ghl.store.seed(contacts: contacts)
    }
}
