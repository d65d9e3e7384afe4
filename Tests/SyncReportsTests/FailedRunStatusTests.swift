import Demo
import Foundation
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Testing
@testable import SyncReports

/// `fgsync status` lists a run that failed before planning as failed (issue 10, item 7).
@Suite(.serialized)
struct FailedRunStatusTests {
    /// A Fulcrum side whose form cannot be read: the run fails on its first request.
    struct FormFailsFulcrumGateway: FulcrumGateway {
        let base: any FulcrumGateway

        func form() async throws -> Data {
            throw APIError(.server, route: "GET /api/v2/forms/:id.json", status: 503, message: "down for maintenance")
        }
        func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws { try await base.records(page) }
        func record(id: String) async throws -> RawRecord? { try await base.record(id: id) }
        func create(body: Data) async throws -> RawRecord { try await base.create(body: body) }
        func patch(id: String, body: Data) async throws -> RawRecord { try await base.patch(id: id, body: body) }
        func delete(id: String) async throws { try await base.delete(id: id) }
    }

    @Test func aRunThatFailedBeforePlanningShowsInStatusAsFailed() async throws {
        let setup = try await RunHistoryTests.Setup.start()
        defer { Task { await setup.stop() } }
        let store = try SQLiteStateStore(path: setup.statePath)
        let job = ReconcileJob(
            config: setup.sims.config, store: store,
            fulcrum: FormFailsFulcrumGateway(base: setup.sims.fulcrumGateway), ghl: setup.sims.ghlGateway)

        await #expect(throws: APIError.self) { try await job.run() }

        let status = try await StatusJob(statePath: setup.statePath).run()
        #expect(status.runs.count == 1)
        #expect(status.runs.first?.outcome == "failed")
        #expect(status.runs.first?.finishedAt != nil)
    }

    @Test func theStoredReportOfAFailedRunSaysWhatStoppedIt() async throws {
        let setup = try await RunHistoryTests.Setup.start()
        defer { Task { await setup.stop() } }
        let store = try SQLiteStateStore(path: setup.statePath)
        let job = ReconcileJob(
            config: setup.sims.config, store: store,
            fulcrum: FormFailsFulcrumGateway(base: setup.sims.fulcrumGateway), ghl: setup.sims.ghlGateway)
        await #expect(throws: APIError.self) { try await job.run() }

        let report = try await ReportJob(statePath: setup.statePath, run: "last", formats: [.md]).run().report

        let markdown = MarkdownReport.render(report)
        let html = HTMLReport.render(report)
        #expect(markdown.contains("failed") && markdown.contains("down for maintenance"), "\(markdown)")
        #expect(html.contains("Stopped before it finished") && html.contains("down for maintenance"))
    }
}
