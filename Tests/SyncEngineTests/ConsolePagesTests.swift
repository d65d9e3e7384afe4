import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncReports
import SyncServer
import SyncStore
import Testing

/// The console's pages over a real serve in front of the simulators: what each shows, and what
/// its buttons do to the state file and, through the next pass, to both systems.
@Suite(.serialized)
struct ConsolePagesTests {
    @Test(arguments: [
        ("fulcrum", "", "From Fulcrum"), ("ghl", "", "From GHL"), ("base", "", "Company 1"),
        ("value", "  Typed Co  ", "Typed Co"),
    ])
    func aConflictDecidedByClickIsRecordedAsResolveRecordsItAndTheNextPassWritesItToBothSides(
        _ take: String, _ typed: String, _ expected: String
    ) async throws {
        try await ConsoleHarness.run { serve in
            let id = try await ConsoleFlows.makeConflict(serve)
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let page = try await client.get("/console/conflicts")
                #expect(page.body.contains("From Fulcrum"))
                #expect(page.body.contains("From GHL"))
                #expect(page.body.contains("action=\"/console/conflicts/\(id)\""))
                #expect(page.body.contains("href=\"https://web.fulcrumapp.com/records/f-1\""))
                let form = try #require(page.body.range(of: "action=\"/console/conflicts/\(id)\""))
                let firstButton = try #require(
                    page.body[form.upperBound...].range(of: "name=\"take\" value=\""))
                #expect(
                    page.body[firstButton.upperBound...].hasPrefix("value\""),
                    "Enter in the value field submits the typed value")

                let answer = try await client.post(
                    "/console/conflicts/\(id)",
                    [("csrf", try await client.csrf("/console/conflicts")), ("take", take), ("value", typed)])
                #expect(answer.status == 303)
                #expect(answer.location == "/console/conflicts")
                await serve.serve.consoleSettled()

                let store = try SQLiteStateStore(path: serve.harness.statePath)
                let conflict = try #require(try await store.conflict(id: id))
                #expect(conflict.status == .resolved)
                #expect(
                    conflict.resolution?.hasPrefix("decision:") == true,
                    "recorded as `fgsync resolve` records it")
                #expect(await serve.harness.recordValue("f-1", "company_name") == expected)
                #expect(await serve.harness.contactValue("Ghl1", "companyName") == expected)
                let after = try await client.get("/console/conflicts")
                #expect(after.body.contains("recorded decision #"), "the flash says what was recorded")
                #expect(
                    after.body.contains("No conflict waits for a person."),
                    "a decided conflict does not come back")
                #expect(try await store.openConflicts().isEmpty)
                #expect(
                    after.body.contains("written to both sides by"), "the page shows the pass that applied it"
                )
            }
        }
    }

    @Test func aFieldRecordedOpenByEveryPassIsShownOnceAndOneClickSettlesIt() async throws {
        try await ConsoleHarness.run { serve in
            let first = try await ConsoleFlows.makeConflict(serve)
            let store = try SQLiteStateStore(path: serve.harness.statePath)
            let again = try #require(try await store.conflict(id: first)).conflict
            try await store.recordConflicts([again], runId: nil)  // as the next pass over the pair records it
            let latest = try #require(try await store.openConflicts().last).id
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let page = try await client.get("/console/conflicts")
                #expect(page.body.components(separatedBy: "<section class=\"conflict\"").count - 1 == 1)
                #expect(page.body.contains("id=\"conflict-\(latest)\""))

                let csrf = try await client.csrf("/console/conflicts")
                #expect(
                    try await client.post(
                        "/console/conflicts/\(latest)", [("csrf", csrf), ("take", "fulcrum")]
                    ).status == 303)
                await serve.serve.consoleSettled()

                #expect(
                    try await store.openConflicts().isEmpty,
                    "the older record is settled by the same decision")
                #expect(await serve.harness.contactValue("Ghl1", "companyName") == "From Fulcrum")
            }
        }
    }

    @Test func theConflictsPageShowsFiftyAtATimeWithTheFullCountAndLinksToTheOtherPages() async throws {
        try await ConsoleHarness.run { serve in
            let store = try SQLiteStateStore(path: serve.harness.statePath)
            try await store.recordConflicts(
                (0..<120).map { index in
                    Conflict(
                        fulcrumId: "f-page-\(index)", contactId: "c-page-\(index)", field: "email", base: nil,
                        fulcrum: FieldValue(canonical: "a\(index)@x.com", text: "a\(index)@x.com"),
                        ghl: FieldValue(canonical: "b\(index)@x.com", text: "b\(index)@x.com"),
                        fulcrumUpdatedAt: nil, ghlUpdatedAt: nil, winner: nil, rule: "manual")
                }, runId: nil)
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                func sections(_ page: ConsoleClient.Page) -> Int {
                    page.body.components(separatedBy: "<section class=\"conflict\"").count - 1
                }

                let first = try await client.get("/console/conflicts")
                let last = try await client.get("/console/conflicts?page=3")
                let second = try await client.get("/console/conflicts?page=2&fragment=1")

                #expect(sections(first) == 50)
                #expect(first.body.contains("id=\"conflict-count\">120<"))
                #expect(first.body.contains("href=\"/console/conflicts?page=2\" rel=\"next\""))
                #expect(!first.body.contains("rel=\"prev\""))
                #expect(sections(last) == 20)
                #expect(last.body.contains("href=\"/console/conflicts?page=2\" rel=\"prev\""))
                #expect(!last.body.contains("rel=\"next\""))
                #expect(sections(second) == 50)
                #expect(second.body.contains("page 2 of 3"))
            }
        }
    }

    @Test func aDecisionOnAConflictAlreadyResolvedRecordsNothingAndSaysSo() async throws {
        try await ConsoleHarness.run { serve in
            let id = try await ConsoleFlows.makeConflict(serve)
            _ = try await ResolveJob(statePath: serve.harness.statePath, conflictId: id, choice: .fulcrum)
                .run()
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let csrf = try await client.csrf("/console/conflicts")
                #expect(
                    try await client.post("/console/conflicts/\(id)", [("csrf", csrf), ("take", "ghl")])
                        .status == 303)
                let page = try await client.get("/console/conflicts")
                #expect(page.body.contains("Nothing recorded: Conflict \(id) is already resolved"))
                #expect(
                    try await SQLiteStateStore(path: serve.harness.statePath).pendingDecisions().map(
                        \.decision.choice) == [.fulcrum], "only the first")
            }
        }
    }

    @Test func aHeldRecordShowsItsReasonFixAndLinkAndLeavesOnceItsEmailIsCorrected() async throws {
        try await ConsoleHarness.run { serve in
            try await serve.harness.editRecordAsAPerson("f-2", ["email": "grace at example"])
            await serve.deliverAndDrain()
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let held = try await client.get("/console/held")
                #expect(held.body.contains("class=\"held-item\""))
                #expect(held.body.contains("Correct the email of Fulcrum record f-2 in Fulcrum"))
                #expect(held.body.contains("href=\"https://web.fulcrumapp.com/records/f-2\""))
                #expect(held.body.contains("href=\"https://app.gohighlevel.com/contacts/detail/Ghl2\""))

                try await serve.harness.editRecordAsAPerson("f-2", ["email": "grace@example.com"])
                await serve.deliverAndDrain()

                let after = try await client.get("/console/held")
                #expect(!after.body.contains("class=\"held-item\""))
                #expect(after.body.contains("Nothing held."))
            }
        }
    }

    @Test func aParkedEventIsListedWithItsErrorAndRetryNowQueuesItAgain() async throws {
        try await ConsoleHarness.run(configure: { $0.maxAttempts = 1 }) { serve in
            let harness = serve.harness
            try await harness.editContact("Ghl1", ["lastName": "Parked"])
            try serve.breakConfig()
            await serve.deliverAndDrain()
            #expect(try await serve.inbox().parked == 1)
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let page = try await client.get("/console/failures")
                let event = try #require(
                    try await SQLiteStateStore(path: harness.statePath).parkedInboxEvents().first)
                #expect(page.body.contains(event.id))
                #expect(page.body.contains("class=\"parked\""))
                try serve.restoreConfig()

                let answer = try await client.post(
                    "/console/events/retry",
                    [("csrf", try await client.csrf("/console/failures")), ("event", event.id)])
                #expect(answer.status == 303)
                #expect(try await serve.inbox().waiting == 1, "back in the queue")
                #expect(try await serve.inbox().parked == 0)
                await serve.serve.drain()

                #expect(await harness.recordValue("f-1", "last_name") == "Parked")
                #expect(try await client.get("/console/failures").body.contains("None parked."))
            }
        }
    }

    @Test func aWriteThatKeepsFailingIsListedWithHowOftenAndItsLastError() async throws {
        try await ConsoleHarness.run { serve in
            let harness = serve.harness
            var refusing = FaultConfig()
            refusing.failNext = [
                .init(route: "/contacts/:contactId", method: "PUT", count: 1_000, status: 500)
            ]
            harness.sims.cluster.ghl.setFaults(refusing)
            try await harness.editRecordAsAPerson("f-1", ["company_name": "Never Arrives Ltd"])
            await serve.deliverAndDrain()
            _ = try await serve.serve.poll()
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let page = try await client.get("/console/failures")
                #expect(page.body.contains("class=\"failure\""))
                #expect(page.body.contains("failed in 2 of the last"), "the event pass and the poll pass")
                #expect(page.body.contains("href=\"https://app.gohighlevel.com/contacts/detail/Ghl1\""))
                #expect(
                    !page.body.contains(ServeHarness.environment(harness)["GHL_TOKEN"] ?? "no token"),
                    "no secret on the page")
            }
            harness.sims.cluster.ghl.setFaults(FaultConfig())
        }
    }

    @Test func retryNowOnFailedWritesQueuesADeltaPass() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let store = try SQLiteStateStore(path: serve.harness.statePath)
                let before = try await store.recentRuns(limit: 1).first?.id ?? 0
                #expect(
                    try await client.post("/console/retry", [("csrf", try await client.csrf())]).status == 303
                )
                await serve.serve.consoleSettled()
                let last = try #require(try await store.recentRuns(limit: 1).first)
                #expect(last.id > before)
                #expect(last.kind == "delta")
            }
        }
    }

    @Test func aRailHoldingShowsWhatTrippedAndForcingNeedsTheConfirmation() async throws {
        try await ConsoleHarness.run(deletesExtra: ["max_delete: 0", "max_delete_floor: 0"]) { serve in
            let harness = serve.harness
            try await harness.sims.ghlClient.deleteContact(id: "Ghl2")
            var full = ReconcileRun(
                configPath: serve.configPath, statePath: harness.statePath, options: ReconcileOptions())
            full.environment = ServeHarness.environment(harness)
            full.clientOptions = LiveHarness.clientOptions()
            let refused = try await full.run { _ in }
            #expect(refused.outcome == "refused")
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let rails = try await client.get("/console/rails")
                #expect(rails.body.contains("class=\"rail\""))
                #expect(rails.body.contains("maxDelete"))
                #expect(rails.body.contains("name=\"run\" value=\"\(refused.runId)\""))
                #expect(rails.body.contains("1 of them delete(s)"))
                let csrf = try await client.csrf("/console/rails")

                #expect(
                    try await client.post(
                        "/console/rails/force", [("csrf", csrf), ("run", String(refused.runId))]
                    ).status == 303)
                await serve.serve.consoleSettled()
                #expect(
                    await harness.records().contains { $0.id == "f-2" }, "not forced without the box ticked")

                #expect(
                    try await client.post(
                        "/console/rails/force",
                        [("csrf", csrf), ("run", String(refused.runId)), ("confirm", "yes")]
                    ).status == 303)
                await serve.serve.consoleSettled()

                #expect(
                    await harness.records().contains { $0.id == "f-2" } == false,
                    "the forced run deleted the partner")
                #expect(try await client.get("/console/rails").body.contains("No rail holds the next run."))
            }
        }
    }

    @Test func theOverviewShowsRunsCountsWebhooksAndAChart() async throws {
        try await ConsoleHarness.run { serve in
            try await serve.harness.editContact("Ghl1", ["lastName": "Overview"])
            await serve.deliverAndDrain()
            let idle = try await serve.serve.poll()
            #expect(idle.applied.values.flatMap(\.values).reduce(0, +) == 0, "a poll pass that finds nothing")
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let page = try await client.get("/console")
                #expect(page.body.contains("Last full reconcile"))
                #expect(page.body.contains("href=\"/console/runs/1/report\""))
                let marker = try #require(page.body.range(of: "id=\"webhooks-hour\">GHL "))
                #expect(
                    Int(page.body[marker.upperBound...].prefix { $0.isNumber }) ?? 0 >= 1,
                    "the delivered webhook is counted")
                #expect(page.body.contains("id=\"count-linked\">2<"))
                #expect(page.body.contains("id=\"count-fulcrum\">2<"))
                #expect(page.body.contains("<svg class=\"chart\""))
                #expect(page.body.contains("<rect class=\"writes\""))
                #expect(page.body.contains(">#1</text>"), "the first reconcile wrote")
                #expect(
                    !page.body.contains(">#\(idle.runId)</text>"),
                    "an idle poll pass does not flatten the chart")
                #expect(page.body.contains("data-live="), "the overview refreshes itself")
            }
        }
    }

    @Test func theRunsPageLinksEachRunsStoredReport() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let runs = try await client.get("/console/runs")
                #expect(runs.body.contains("href=\"/console/runs/1/report\""))
                let report = try await client.get("/console/runs/1/report")
                #expect(report.status == 200)
                #expect(report.body.contains("fgsync run 1"))
                let csp = try #require(report.headers["Content-Security-Policy"])
                let nonce = try #require(csp.split(separator: "'").first { $0.hasPrefix("nonce-") })
                    .dropFirst("nonce-".count)
                #expect(
                    report.body.contains("<script nonce=\"\(nonce)\">"),
                    "the report's own script runs, nothing else inline")
                #expect(try await client.get("/console/runs/999/report").status == 404)
            }
        }
    }

    @Test func theConflictListRefreshesWithoutAReload() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let before = try await client.get("/console/conflicts?fragment=1")
                #expect(before.status == 200)
                #expect(!before.body.contains("<html"), "only the content that changes")
                #expect(before.body.contains("id=\"conflict-count\">0<"))
                let id = try await ConsoleFlows.makeConflict(serve)

                let after = try await client.get("/console/conflicts?fragment=1")

                #expect(after.body.contains("id=\"conflict-\(id)\""))
                let script = try await client.get("/console/assets/console.js")
                #expect(script.headers["Content-Type"]?.hasPrefix("text/javascript") == true)
                #expect(script.body.contains("fragment=1"))
            }
        }
    }
}
