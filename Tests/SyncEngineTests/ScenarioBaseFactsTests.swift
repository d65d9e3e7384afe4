import Foundation
import SyncCore
import SyncEngine
import Testing
import TestSupport

/// What golden plan JSON cannot show: the bases a scenario's plan records, and the words of
/// its conflicts, held items and rails.
struct ScenarioBaseFactsTests {
    func plan(_ name: String) async throws -> Plan { try await ScenarioRunner.run(name).plan }

    func pair(_ plan: Plan, _ fulcrumId: String) -> PlannedPair? {
        plan.pairs.first { $0.fulcrumId == fulcrumId }
    }

    @Test func bothSidesChangingToTheSameValueOnlyMovesTheBase() async throws {
        let plan = try await plan("three-way-both-changed-to-same-value")
        let ada = try #require(pair(plan, "f-ada"))
        #expect(plan.pairs.count == 1)
        #expect(ada.operations.isEmpty)
        #expect(ada.baseChanged)
        #expect(ada.newBase?.fields["company_name"]?.canonical == "Babbage & Co")
        #expect(ada.newBase?.fields["email"]?.canonical == "ada@newmail.example")
        #expect(ada.newBase?.fields["phone"]?.canonical == "+14155550101")
    }

    @Test func anAgreedPairRecordsNothing() async throws {
        #expect(try await plan("three-way-equal-writes-nothing").pairs.isEmpty)
        #expect(try await plan("canonical-equality-spellings").pairs.isEmpty)
    }

    @Test func anUpdateAdvancesTheBaseToTheWrittenValue() async throws {
        let ada = try #require(pair(try await plan("three-way-only-ghl-changed"), "f-ada"))
        #expect(ada.newBase?.fields["email"]?.canonical == "ada.l@example.com")
        #expect(ada.newBase?.fields["phone"]?.canonical == "+14155550199")
        #expect(ada.newBase?.tags.sortedSpellings == ["VIP"])
    }

    @Test func aManualConflictKeepsTheBaseOfTheConflictedField() async throws {
        let ada = try #require(pair(try await plan("conflict-policy-manual"), "f-ada"))
        #expect(ada.newBase?.fields["company_name"]?.canonical == "Analytical Engines")
        #expect(ada.newBase?.fields["phone"]?.canonical == "+14155550177")
    }

    @Test func aConflictReportsBothValuesTheBaseAndBothTimes() async throws {
        let document = try await ScenarioRunner.run("conflict-newest-wins").document
        let ada = try #require(document.conflicts.first { $0.fulcrumId == "f-ada" })
        #expect(ada.ghlField == "companyName")
        #expect(ada.base == "Analytical Engines")
        #expect(ada.fulcrum == "Engines Ltd")
        #expect(ada.ghl == "Engines Limited")
        #expect(ada.fulcrumUpdatedAt == "2026-11-20T10:00:00.000Z")
        #expect(ada.ghlUpdatedAt == "2026-11-21T09:00:00.000Z")
        let grace = try #require(document.conflicts.first { $0.fulcrumId == "f-grace" })
        #expect(grace.fulcrumUpdatedAt == "2026-11-21T10:00:00.000Z")
        #expect(grace.ghlUpdatedAt == "2026-11-21T09:59:59.999Z")
    }

    @Test func aFirstMatchConflictHasNoBaseValue() async throws {
        let conflict = try #require(
            try await ScenarioRunner.run("first-match-both-set-differ").document.conflicts.first)
        #expect(conflict.base == nil)
        #expect(conflict.fulcrum == "Hopper")
        #expect(conflict.ghl == "Hopper-Murray")
    }

    @Test func aManualConflictIsCountedAsOpen() async throws {
        let summary = try await ScenarioRunner.run("conflict-policy-manual").document.summary
        #expect(summary.conflicts == 1)
        #expect(summary.openConflicts == 1)
    }

    @Test func aDeleteDropsThePairsBase() async throws {
        let ada = try #require(pair(try await plan("delete-in-ghl-fulcrum-unchanged"), "f-ada"))
        #expect(ada.newBase == nil)
        #expect(ada.operations.first?.note == "deleted in GHL and unchanged here since the last sync")
    }

    @Test func aPairGoneFromBothSidesIsForgotten() async throws {
        let plan = try await plan("delete-on-both-sides")
        #expect(
            plan.pairs == [
                PlannedPair(
                    fulcrumId: "f-ada", contactId: "GhlAda", operations: [], newBase: nil, baseChanged: true)
            ])
    }

    @Test func aReCreatedPartnerIsNotedAsModifyBeatsDelete() async throws {
        let ada = try #require(pair(try await plan("delete-in-ghl-fulcrum-changed"), "f-ada"))
        #expect(ada.contactId == nil)
        #expect(ada.operations.first?.note == "modify beats delete: re-create the deleted partner")
        #expect(ada.newBase?.fields["company_name"]?.canonical == "Engines Ltd")
    }

    @Test func anIgnoredDeleteLeavesATombstone() async throws {
        let ada = try #require(pair(try await plan("delete-ignore-mode"), "f-ada"))
        #expect(ada.operations.isEmpty)
        #expect(ada.newBase?.deletedSide == .ghl)
        #expect(ada.newBase?.fields["company_name"]?.canonical == "Analytical Engines")
    }

    @Test func anArchivedDeleteLeavesATaggedTombstone() async throws {
        let plan = try await plan("delete-archive-mode")
        #expect(pair(plan, "f-ada")?.newBase?.deletedSide == .ghl)
        #expect(pair(plan, "f-ada")?.newBase?.tags.contains("fgsync-archived") == true)
        #expect(pair(plan, "f-grace")?.newBase?.deletedSide == .fulcrum)
    }

    @Test func aTombstoneIsLeftAloneOnTheNextRun() async throws {
        let plan = try await plan("delete-tombstone-not-recreated")
        #expect(plan.pairs.isEmpty)
        #expect(plan.conflicts.isEmpty)
    }

    @Test func anEditOnTheReceivingSideOfAOneWayFieldDoesNotMoveTheBase() async throws {
        let plan = try await plan("direction-to-ghl-edit-in-ghl")
        #expect(pair(plan, "f-ada") == nil)
        #expect(pair(plan, "f-grace")?.newBase?.fields["region"]?.canonical == "North")
    }

    @Test func anAmbiguousMatchNamesEveryCandidate() async throws {
        let held = try await ScenarioRunner.run("match-ambiguous-email-held").document.held
        #expect(held.count == 3)
        for item in held {
            #expect(item.reason.contains("Fulcrum f-ada, GHL GhlAda1, GHL GhlAda2"), "\(item.reason)")
            #expect(item.reason.contains("will not guess"))
        }
    }

    @Test func aLinkToAMissingPartnerSaysWhichAndWhatToDo() async throws {
        let held = try await ScenarioRunner.run("match-link-to-missing-record-held").document.held
        let record = try #require(held.first { $0.fulcrumId == "f-ada" })
        let contact = try #require(held.first { $0.contactId == "GhlOrphan" })
        #expect(record.reason.contains("GhlGone") && record.reason.contains("does not exist in GHL"))
        #expect(contact.reason.contains("f-gone") && contact.reason.contains("does not exist in Fulcrum"))
    }

    @Test func aContactLinkingToAHeldRecordIsNotToldTheRecordIsMissing() async throws {
        let held = try await ScenarioRunner.run("match-link-to-held-record-held").document.held
        let contact = try #require(held.first { $0.contactId == "GhlAda" })
        #expect(!contact.reason.contains("does not exist in Fulcrum"), "f-ada exists: \(contact.reason)")
    }

    @Test func aSurvivorThatCannotBeReCreatedSaysWhichSwitch() async throws {
        let held = try #require(try await ScenarioRunner.run("create-in-ghl-disabled").document.held.first)
        #expect(held.reason.contains("sync.create_in_ghl"))
    }

    @Test func anInvalidEmailIsHeldNamingTheRecordAndTheValue() async throws {
        let held = try await ScenarioRunner.run("invalid-email-held").document.held
        let edsger = try #require(held.first { $0.fulcrumId == "f-edsger" })
        #expect(edsger.reason.contains("\"edsger@@example\" is not a valid email address"))
        #expect(edsger.reason.contains("not matched or created until corrected"))
        let ada = try #require(held.first { $0.fulcrumId == "f-ada" })
        #expect(ada.reason.contains("GHL contact GhlAda"))
        #expect(ada.reason.contains("\"ada(at)example.com\""))
    }

    @Test func aRecordWithoutAnIdIsHeldNamingItsFileAndPosition() async throws {
        let held = try await ScenarioRunner.run("invalid-record-without-id-held").document.held.map(\.reason)
        #expect(
            held == [
                "records.json, records item 2: a Fulcrum record has no \"id\"; it is skipped until fixed in Fulcrum",
                "contacts.json, contacts item 1: a GHL contact has no \"id\"; it is skipped until fixed in GHL",
            ])
    }

    @Test func railsTellTheOperatorHowToProceed() async throws {
        for name in ["rail-empty-ghl-snapshot", "rail-max-delete", "rail-mapping-changed"] {
            let rails = try await ScenarioRunner.run(name).document.rails
            #expect(!rails.isEmpty)
            for rail in rails { #expect(rail.message.contains("--force"), "\(name): \(rail.message)") }
        }
        let maxDelete = try #require(try await ScenarioRunner.run("rail-max-delete").document.rails.first)
        #expect(maxDelete.message.hasPrefix("2 of 5 linked records would be deleted in Fulcrum"))
        #expect(maxDelete.message.contains("(1)"))
    }
}
