import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncEngine
import SyncServer

/// The demo's last act: `fgsync serve` running in front of the simulators, an edit on each side
/// through the APIs, each arriving on the other side by webhook, with its latency.
struct DemoServeAct: Sendable {
    let sims: LiveSimulators
    let directory: URL
    let statePath: String

    /// How long an edit may take to arrive before the act gives up on it.
    static let patience: Duration = .seconds(20)

    func run(print: @escaping @Sendable (String) -> Void) async throws {
        let configPath = directory.appendingPathComponent("fgsync.yml").path
        try sims.summary.fgsyncConfigYAML().write(toFile: configPath, atomically: true, encoding: .utf8)
        let secret = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var job = ServeJob(configPath: configPath, statePath: statePath)
        job.port = 0
        job.environment = [
            "FULCRUM_TOKEN": sims.summary.fulcrum.token, "GHL_TOKEN": sims.summary.ghl.token,
            "FGSYNC_FULCRUM_WEBHOOK_SECRET": secret,
        ]
        job.pollTimer = false
        let serve = try await job.start()
        do {
            sims.cluster.ghl.addWebhookTarget(serve.url + "/webhooks/ghl")
            _ = try await sims.fulcrumClient.createWebhook(name: "fgsync serve", url: serve.url + "/webhooks/fulcrum/" + secret)
            print("fgsync demo: fgsync serve listening on \(serve.url); both simulators send it their webhooks")
            try await act(print: print)
            await serve.stop()
        } catch {
            await serve.stop()
            throw error
        }
    }

    private func act(print: @escaping @Sendable (String) -> Void) async throws {
        let keys = sims.formKeys
        let linked = await sims.cluster.fulcrum.store.allRecords().sorted { $0.id < $1.id }.compactMap { record -> (String, String)? in
            record.formValues[keys["ghl_contact_id"] ?? ""]?.stringValue.map { (record.id, $0) }
        }
        guard linked.count >= 2 else { return print("  too few linked pairs for the serve act") }
        let (ghlRecord, ghlContact) = linked[0]
        let (fulcrumRecord, fulcrumContact) = linked[1]

        let started = ContinuousClock.now
        _ = try await sims.ghlClient.updateContact(id: ghlContact, json: Data(#"{"companyName":"Edited in GHL, live"}"#.utf8))
        let ghlToFulcrum = try await arrival(since: started) {
            await sims.cluster.fulcrum.store.record(id: ghlRecord)?.formValues[keys["company_name"] ?? ""]?.stringValue == "Edited in GHL, live"
        }
        print("  GHL contact \(ghlContact) edited -> Fulcrum record \(ghlRecord) updated in \(ghlToFulcrum)")

        let again = ContinuousClock.now
        try await sims.editRecordAsAPerson(id: fulcrumRecord, values: ["company_name": "Edited in Fulcrum, live"])
        let fulcrumToGHL = try await arrival(since: again) {
            await sims.cluster.ghl.store.contact(id: fulcrumContact)?.string("companyName") == "Edited in Fulcrum, live"
        }
        print("  Fulcrum record \(fulcrumRecord) edited -> GHL contact \(fulcrumContact) updated in \(fulcrumToGHL)")
    }

    /// Waits until `arrived` holds; the time since `start` in milliseconds.
    private func arrival(since start: ContinuousClock.Instant, _ arrived: @Sendable () async -> Bool) async throws -> String {
        while await !arrived() {
            guard ContinuousClock.now - start < Self.patience else {
                throw SyncEngineError(.input, "an edit did not arrive within \(Self.patience); check the serve log")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let elapsed = ContinuousClock.now - start
        return "\(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms"
    }
}
