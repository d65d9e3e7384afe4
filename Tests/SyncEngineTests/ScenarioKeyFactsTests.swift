import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// Key facts of each golden scenario, written by hand from DESIGN.md's rules before looking at
/// the planner's output, so that a golden file cannot be rubber-stamped: when `expected.json`
/// and these disagree, one of them (or the planner) is wrong.
struct ScenarioKeyFactsTests {
    struct Facts: Sendable, CustomTestStringConvertible {
        var scenario: String
        var operations: [String] = []
        var conflicts: [String] = []
        var held: [String] = []
        var rails: [String] = []
        var refused = false
        var testDescription: String { scenario }
    }

    static let ada = "f-ada/GhlAda"
    static let grace = "f-grace/GhlGrace"
    static let adaInGHL =
        "city=London companyName=Engines Ltd customFields.cf-employees=12 customFields.cf-newsletter=Yes "
        + "customFields.cf-region=West dateOfBirth=1990-09-25 email=ada@example.com firstName=Ada lastName=Lovelace "
        + "phone=+14155550101 postalCode=N1 9GU source=Trade show"
    static let margaretInFulcrum =
        "fulcrum create -/GhlMargaret email=margaret@example.com first_name=Margaret last_name=Hamilton phone=+16175550106"

    static let facts: [Facts] = [
        // Three-way table.
        Facts(scenario: "three-way-equal-writes-nothing"),
        Facts(scenario: "three-way-both-changed-to-same-value"),
        Facts(
            scenario: "three-way-only-ghl-changed",
            operations: ["fulcrum update \(ada) email=ada.l@example.com phone=+1 (415) 555-0199"]),
        Facts(
            scenario: "three-way-only-fulcrum-changed",
            operations: [
                "ghl update \(ada) city=Cambridge companyName=Engines Ltd customFields.cf-employees=15 customFields.cf-newsletter=No source=Referral"
            ]),
        Facts(
            scenario: "conflict-newest-wins",
            operations: [
                "fulcrum update \(ada) company_name=Engines Limited",
                "ghl update \(grace) companyName=Navy Reserve",
            ],
            conflicts: [
                "\(ada) company_name winner=ghl rule=newest-record",
                "\(grace) company_name winner=fulcrum rule=newest-record",
            ]),
        Facts(
            scenario: "conflict-newest-tie",
            operations: ["ghl update \(ada) lastName=King", "ghl update \(grace) lastName=Murray"],
            conflicts: [
                "\(ada) last_name winner=fulcrum rule=newest-tie",
                "\(grace) last_name winner=fulcrum rule=newest-tie",
            ]),
        Facts(
            scenario: "conflict-newest-same-second-tie",
            operations: ["ghl update \(ada) lastName=King", "ghl update \(grace) lastName=Murray"],
            conflicts: [
                "\(ada) last_name winner=fulcrum rule=newest-tie",
                "\(grace) last_name winner=fulcrum rule=newest-record",
            ]),
        Facts(
            scenario: "conflict-policy-fulcrum",
            operations: ["ghl update \(ada) lastName=King"],
            conflicts: ["\(ada) last_name winner=fulcrum rule=fulcrum"]),
        Facts(
            scenario: "conflict-policy-ghl-per-field",
            operations: [
                "fulcrum update \(ada) company_name=Engines Limited", "ghl update \(ada) lastName=King",
            ],
            conflicts: [
                "\(ada) company_name winner=ghl rule=ghl", "\(ada) last_name winner=fulcrum rule=newest-record",
            ]),
        Facts(
            scenario: "conflict-policy-manual",
            operations: ["fulcrum update \(ada) phone=+1 415 555 0177"],
            conflicts: ["\(ada) company_name winner=none rule=manual"]),
        Facts(
            scenario: "first-match-fills-empty-sides",
            operations: [
                "fulcrum update \(grace) company_name=US Navy", "ghl update \(grace) phone=+14155550102",
                "ghl addTags \(grace) tags=[Lead]", "fulcrum link \(grace)", "ghl link \(grace)",
            ]),
        Facts(
            scenario: "first-match-both-set-differ",
            operations: [
                "fulcrum update \(grace) last_name=Hopper-Murray", "fulcrum link \(grace)",
                "ghl link \(grace)",
            ],
            conflicts: ["\(grace) last_name winner=ghl rule=newest-record"]),
        Facts(
            scenario: "three-way-cleared-on-one-side",
            operations: ["fulcrum update \(ada) company_name=null", "ghl update \(grace) phone=null"],
            conflicts: ["\(grace) phone winner=fulcrum rule=newest-record"]),
        Facts(
            scenario: "link-field-cleared-is-restored",
            operations: ["fulcrum link \(ada)", "ghl link \(ada)"]),
        // Canonical equality.
        Facts(scenario: "canonical-equality-spellings"),
        Facts(
            scenario: "canonical-phone-formats",
            operations: [
                "fulcrum update f-p4/Ghl-p4 phone=Front desk", "ghl update f-p6/Ghl-p6 phone=555 1234",
            ]),
        Facts(
            scenario: "canonical-phone-readme-examples",
            operations: ["fulcrum link \(grace)", "ghl link \(grace)"]),
        // Deletes.
        Facts(scenario: "delete-in-ghl-fulcrum-unchanged", operations: ["fulcrum delete \(ada)"]),
        Facts(
            scenario: "delete-in-ghl-fulcrum-changed",
            operations: ["ghl create f-ada/- \(adaInGHL) tags=[VIP]", "fulcrum link f-ada/-"]),
        Facts(scenario: "delete-in-fulcrum-ghl-unchanged", operations: ["ghl delete \(grace)"]),
        Facts(scenario: "delete-in-fulcrum-ghl-edited-one-way-field", operations: ["ghl delete \(grace)"]),
        Facts(
            scenario: "delete-in-fulcrum-ghl-changed",
            operations: [
                "fulcrum create -/GhlAda address.locality=London address.postal_code=N1 9GU birth_date=1990-09-25 "
                    + "company_name=Analytical Engines email=ada@example.com employees=12 first_name=Ada last_name=Lovelace "
                    + "lead_source=Trade show phone=+1 415 555 0199 subscribed=Yes tags=[Customer,VIP]",
                "ghl link -/GhlAda",
            ]),
        Facts(scenario: "delete-on-both-sides"),
        Facts(
            scenario: "delete-archive-mode",
            operations: [
                "fulcrum addTags \(ada) tags=[fgsync-archived]",
                "ghl addTags \(grace) tags=[fgsync-archived]",
            ]),
        Facts(
            scenario: "delete-archive-survivor-changed",
            operations: ["fulcrum addTags \(ada) tags=[fgsync-archived]"]),
        Facts(scenario: "delete-ignore-mode"),
        Facts(
            scenario: "delete-tombstone-partner-reappears",
            operations: ["ghl update \(ada) companyName=Engines Ltd"]),
        Facts(scenario: "delete-tombstone-not-recreated"),
        // Tags.
        Facts(
            scenario: "tags-added-on-both-sides",
            operations: [
                "fulcrum addTags \(ada) tags=[newsletter]", "ghl addTags \(ada) tags=[Conference 2026,Lead]",
            ]),
        Facts(scenario: "tags-removed-on-one-side", operations: ["ghl removeTags \(ada) tags=[lead]"]),
        Facts(scenario: "tags-case-variants"),
        Facts(
            scenario: "tags-added-and-removed-on-both-sides",
            operations: [
                "fulcrum addTags \(ada) tags=[epsilon]", "fulcrum removeTags \(ada) tags=[beta]",
                "ghl addTags \(ada) tags=[delta]", "ghl removeTags \(ada) tags=[alpha]",
            ]),
        // Matching.
        Facts(
            scenario: "match-by-email-case-variants",
            operations: [
                "ghl update \(ada) phone=(415) 555-0101", "fulcrum addTags \(ada) tags=[newsletter]",
                "ghl addTags \(ada) tags=[VIP]", "fulcrum link \(ada)", "ghl link \(ada)",
            ],
            conflicts: ["\(ada) phone winner=fulcrum rule=newest-record"]),
        Facts(
            scenario: "match-by-phone-format-variants",
            operations: [
                "fulcrum link f-alan/GhlAlan", "ghl link f-alan/GhlAlan", "fulcrum link \(grace)",
                "ghl link \(grace)",
            ]),
        Facts(
            scenario: "match-by-stored-link-ids",
            operations: [
                "fulcrum update \(ada) email=ada@new.example",
                "fulcrum update \(grace) email=grace@navy.example",
                "fulcrum link \(grace)",
            ],
            conflicts: ["\(ada) email winner=ghl rule=newest-record"]),
        Facts(
            scenario: "match-ambiguous-email-held",
            held: ["-/GhlAda1 email", "-/GhlAda2 email", "f-ada/- email"]),
        Facts(
            scenario: "match-duplicate-candidates-held",
            operations: [margaretInFulcrum, "ghl link -/GhlMargaret"],
            held: ["f-dup1/- phone", "f-dup2/- phone"]),
        Facts(scenario: "match-link-to-missing-record-held", held: ["-/GhlOrphan -", "f-ada/- -"]),
        Facts(scenario: "match-new-record-duplicates-linked-email", held: ["f-ada2/- email"]),
        Facts(scenario: "match-link-to-already-paired-contact-held", held: ["f-copy/- -"]),
        Facts(scenario: "match-link-to-held-record-held", held: ["-/GhlAda -", "f-ada/- -"]),
        Facts(scenario: "match-two-records-claim-one-contact", held: ["-/GhlAda -", "f-a1/- -", "f-a2/- -"]),
        Facts(scenario: "match-new-contact-duplicates-linked-phone", held: ["-/GhlGrace2 phone"]),
        Facts(
            scenario: "match-new-record-takes-an-email-being-synced",
            operations: ["fulcrum update \(ada) email=ada@newmail.example"],
            held: ["f-new/- email"]),
        Facts(
            scenario: "delete-and-recreate-in-ghl",
            operations: [
                "fulcrum create -/GhlAda2 address.locality=London address.postal_code=N1 9GU birth_date=1990-09-25 "
                    + "company_name=Analytical Engines email=ada@example.com employees=12 first_name=Ada last_name=Lovelace "
                    + "lead_source=Trade show phone=+14155550101 subscribed=Yes tags=[VIP]",
                "ghl link -/GhlAda2",
                "fulcrum delete \(ada)",
            ]),
        // Direction.
        Facts(
            scenario: "direction-to-ghl-edit-in-ghl",
            operations: ["ghl update \(grace) customFields.cf-region=North"]),
        Facts(
            scenario: "direction-to-ghl-conflict",
            operations: ["ghl update \(ada) customFields.cf-region=North"],
            conflicts: ["\(ada) region winner=fulcrum rule=direction"]),
        // Creates.
        Facts(
            scenario: "create-both-ways",
            operations: [
                margaretInFulcrum + " tags=[lead]", "ghl link -/GhlMargaret",
                "ghl create f-ada/- "
                    + adaInGHL.replacingOccurrences(of: "Engines Ltd", with: "Analytical Engines")
                    + " tags=[Conference 2026,VIP]",
                "fulcrum link f-ada/-",
            ]),
        Facts(
            scenario: "create-in-ghl-disabled",
            operations: [margaretInFulcrum, "ghl link -/GhlMargaret"], held: ["\(ada) -"]),
        Facts(
            scenario: "create-in-fulcrum-disabled",
            operations: [
                "ghl create f-kath/- companyName=NASA Langley email=kj@example.com firstName=Katherine lastName=Johnson",
                "fulcrum link f-kath/-",
            ]),
        Facts(
            scenario: "snapshot-pages-overlap-later-wins",
            operations: ["ghl update \(ada) companyName=Engines Ltd"]),
        // Safety rails.
        Facts(
            scenario: "rail-empty-ghl-snapshot",
            operations: ["fulcrum delete \(ada)", "fulcrum delete \(grace)"], rails: ["emptySnapshot ghl"],
            refused: true),
        Facts(
            scenario: "rail-empty-ghl-snapshot-forced",
            operations: ["fulcrum delete \(ada)", "fulcrum delete \(grace)"], rails: ["emptySnapshot ghl"]),
        Facts(
            scenario: "rail-max-delete",
            operations: ["fulcrum delete f-p1/Ghl-p1", "fulcrum delete f-p2/Ghl-p2"],
            rails: ["maxDelete fulcrum"], refused: true),
        Facts(
            scenario: "rail-max-delete-floor-small-location",
            operations: ["fulcrum delete f-p1/Ghl-p1", "fulcrum delete f-p2/Ghl-p2"]),
        Facts(
            scenario: "rail-max-delete-forced",
            operations: ["fulcrum delete f-p1/Ghl-p1", "fulcrum delete f-p2/Ghl-p2"],
            rails: ["maxDelete fulcrum"]),
        Facts(scenario: "rail-mapping-changed", rails: ["mappingChanged -"], refused: true),
        Facts(
            scenario: "rail-mapping-changed-forced",
            operations: ["fulcrum update \(ada) company_name=Engines Limited"], rails: ["mappingChanged -"]),
        // Invalid input.
        Facts(
            scenario: "invalid-email-held",
            operations: ["fulcrum update \(ada) phone=+1 415 555 0177"],
            held: ["\(ada) email", "f-edsger/- email"]),
        Facts(scenario: "invalid-record-without-id-held", held: ["-/- -", "-/- -"]),
        Facts(scenario: "invalid-email-survivor-held", held: ["\(ada) email"]),
        // Field types (README "Field types"): conversions, clears, misfits.
        Facts(scenario: "types-conversions-no-echo"),
        Facts(
            scenario: "types-conversions-fulcrum-to-ghl",
            operations: [
                "ghl update \(ada) country=United States customFields.cf-category=Tools / Drills "
                    + "customFields.cf-contact-method=Phone call customFields.cf-employees=43 customFields.cf-headcount=150 "
                    + "customFields.cf-interests=Trains customFields.cf-level=Silver customFields.cf-member-since=2021-04-15 "
                    + "customFields.cf-newsletter=No customFields.cf-renewal=2027-01-05 customFields.cf-revenue=99.95 "
                    + "customFields.cf-score=8 customFields.cf-services=Design, Build customFields.cf-vip=Yes "
                    + "website=https://example.org/ada"
            ]),
        Facts(
            scenario: "types-conversions-ghl-to-fulcrum",
            operations: [
                "fulcrum update \(ada) address.country=FR birth_date=1815-12-11 contact_method=Phone call employees=44 "
                    + "headcount=99 homepage=https://example.net/ada interests=Planes, Trains lead_source=Website "
                    + "member_level=Bronze member_since=2019-01-01 newsletter=No renewal_date=2026-06-30 revenue=10 "
                    + "services=Build vip=Yes"
            ]),
        Facts(
            scenario: "types-clears-both-ways",
            operations: [
                "fulcrum update \(ada) employees=null vip=null",
                "ghl update \(ada) customFields.cf-interests=null customFields.cf-renewal=null",
            ]),
        Facts(
            scenario: "types-misfit-other-choice-not-in-picklist",
            operations: ["ghl update \(ada) customFields.cf-nickname=Enchantress"], held: ["\(ada) member_level"]),
        Facts(
            scenario: "types-misfit-text-in-numerical",
            operations: ["ghl update \(ada) customFields.cf-bio=Mathematician and writer"], held: ["\(ada) headcount"]),
        Facts(
            scenario: "types-misfit-unparseable-date",
            operations: ["ghl update \(ada) customFields.cf-employees=45"], held: ["\(ada) member_since"]),
        Facts(
            scenario: "types-misfit-unknown-country",
            operations: ["ghl update \(ada) city=Cambridge"], held: ["\(ada) address.country"]),
        Facts(
            scenario: "types-misfit-ghl-option-not-a-fulcrum-choice",
            operations: ["fulcrum update \(ada) bio=Poet"], held: ["\(ada) contact_method"]),
        Facts(
            scenario: "types-misfit-on-create",
            operations: [
                "ghl create f-babbage/- customFields.cf-employees=3 customFields.cf-interests=Boats "
                    + "customFields.cf-nickname=Difference email=babbage@example.com firstName=Charles",
                "fulcrum link f-babbage/-",
            ],
            held: ["f-babbage/- member_level"]),
    ]

    @Test(arguments: facts)
    func theScenarioPlansWhatTheRulesSay(_ facts: Facts) async throws {
        let document = try await ScenarioRunner.run(facts.scenario).document
        #expect(ScenarioFacts.operations(document) == facts.operations)
        #expect(ScenarioFacts.conflicts(document) == facts.conflicts)
        #expect(ScenarioFacts.held(document) == facts.held)
        #expect(ScenarioFacts.rails(document) == facts.rails)
        #expect(document.summary.refused == facts.refused)
    }

    @Test func everyPlanningScenarioHasHandWrittenFacts() {
        let covered = Set(Self.facts.map(\.scenario))
        for name in ScenarioLoader.names() where !((try? ScenarioLoader.load(name))?.expectsError ?? false) {
            #expect(covered.contains(name), "\(name): write its key facts here")
        }
    }
}
