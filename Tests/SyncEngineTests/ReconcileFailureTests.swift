import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Testing

/// A run that fails before planning is still recorded: a `failed` run and a report naming the
/// error, so `fgsync status` shows it (issue 10, item 7).
@Suite(.serialized)
struct ReconcileFailureTests {
    /// A Fulcrum side whose record listing fails after the form was read.
    struct ListingFailsFulcrumGateway: ForwardingFulcrumGateway {
        let base: any FulcrumGateway

        func records(_ page: @Sendable ([RawRecord]) async throws -> Void) async throws {
            throw APIError(.server, route: "GET /api/v2/records.json", status: 500, message: "the listing broke")
        }
    }

    /// The stored run and report of the only run in `statePath`.
    static func storedRun(_ statePath: String) async throws -> (RunRecord, RunReport) {
        let store = try SQLiteStateStore.openReadOnly(path: statePath)
        let run = try #require(try await store.recentRuns(limit: 5).first)
        let json = try #require(try await store.runReport(runId: run.id))
        return (run, try RunReport.decode(json))
    }

    @Test func aSnapshotErrorStoresAFailedRunAndAReportNamingTheError() async throws {
        try await LiveHarness.run { harness in
            harness.fulcrumGateway = ListingFailsFulcrumGateway(base: harness.sims.fulcrumGateway)

            await #expect(throws: APIError.self) { try await harness.reconcile() }

            let (run, report) = try await Self.storedRun(harness.statePath)
            #expect(run.outcome == "failed")
            #expect(run.finishedAt != nil)
            #expect(report.outcome == "failed")
            #expect(report.error?.contains("the listing broke") == true, "\(report.error ?? "no error")")
            #expect(report.planned.isEmpty && report.applied.isEmpty)
        }
    }

    @Test func aTokenRefusedOnTheFirstRequestStoresAFailedRunWithoutTheToken() async throws {
        try await LiveHarness.run { harness in
            let secret = "pit-wrong-1111-SECRET-TOKEN-VALUE"
            let transport = AsyncHTTPTransport(connectTimeout: .seconds(5))
            harness.extraTransport = transport
            let client = HighLevelClient(
                baseURL: URL(string: harness.sims.summary.ghl.url)!, locationId: harness.sims.summary.ghl.locationId,
                auth: .privateToken(secret), transport: transport, options: LiveHarness.clientOptions())
            harness.ghlGateway = GHLClientGateway(client: client)

            await #expect(throws: (any Error).self) { try await harness.reconcile() }

            let (run, report) = try await Self.storedRun(harness.statePath)
            #expect(run.outcome == "failed")
            #expect(report.outcome == "failed")
            #expect(report.error != nil)
            #expect(report.error?.contains("SECRET") == false, "\(report.error ?? "")")
        }
    }
}
