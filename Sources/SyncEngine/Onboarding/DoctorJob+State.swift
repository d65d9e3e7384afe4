import Foundation
import FulcrumAPI
import HighLevelAPI
import SyncCore
import SyncStore

// MARK: - The state file, and serve's webhooks

extension DoctorJob {
    /// Schema, lock, interrupted writes and parked webhook events; the file is opened read-only.
    func checkState(into report: inout DoctorReport) async {
        guard FileManager.default.fileExists(atPath: statePath) else {
            report.add("state", .ok, "no state file at \(statePath) yet: the first reconcile creates it")
            return
        }
        let store: any StateStore
        do {
            store = try SQLiteStateStore.openReadOnly(path: statePath)
        } catch {
            report.add("state", .error, "\(error)", fix: "see the message; never delete a state file you may need (it holds run history and decisions)")
            return
        }
        defer { try? store.close() }
        do {
            let version = try await store.schemaVersion()
            let latest = SQLiteStateStore.latestSchemaVersion
            if version == latest {
                report.add("state.schema", .ok, "\(statePath) is at schema \(version), this fgsync's")
            } else {
                report.add("state.schema", .warning, "\(statePath) is at schema \(version); this fgsync writes \(latest)", fix: "none needed: the next run upgrades it in place (keep a copy if you may go back to the older fgsync)")
            }
            let pending = try await store.pendingJournal()
            if pending.isEmpty {
                report.add("state.journal", .ok, "no interrupted writes")
            } else {
                report.add(
                    "state.journal", .warning, "\(pending.count) write\(pending.count == 1 ? "" : "s") from an interrupted run are pending",
                    fix: "none needed: the next reconcile looks each one up before sending it again (fgsync plan shows the lookups)")
            }
            let depth = try await store.inboxDepth()
            if depth.parked > 0 {
                report.add(
                    "state.inbox", .warning, "\(depth.parked) webhook event\(depth.parked == 1 ? "" : "s") gave up after their last try (parked); \(depth.waiting) waiting",
                    fix: "fgsync status lists them with their errors; the nightly reconcile covers their records")
            } else {
                report.add("state.inbox", .ok, "\(depth.waiting) webhook event\(depth.waiting == 1 ? "" : "s") waiting, none parked")
            }
        } catch {
            report.add("state", .error, "\(error)", fix: "restore the state file from a backup, or move it away to start over (links are rebuilt from both systems)")
            return
        }
        do {
            let lock = try RunLock(statePath: statePath)
            withExtendedLifetime(lock) {}
            report.add("state.lock", .ok, "no run holds the lock (\(lock.path))")
        } catch let error as SyncEngineError where error.code == .locked {
            report.add("state.lock", .warning, "another fgsync run holds the state file now (\(error.message))", fix: "none if that run is expected (a reconcile, or serve mid-pass); a new run waits or exits 2")
        } catch {
            report.add("state.lock", .warning, "cannot check the lock: \(error)")
        }
    }

    /// For `serve` (the config names `fulcrum.webhook_secret_env`): a Fulcrum webhook pointing at
    /// `/webhooks/fulcrum/SECRET`, and webhooks received recently.
    func checkServe(config: MappingConfig, connection: LiveConnection, into report: inout DoctorReport) async {
        guard let secretVariable = config.serve.fulcrumWebhookSecretEnv else {
            report.add("serve", .ok, "fulcrum.webhook_secret_env is not set: the config is not set up for fgsync serve, so webhooks were not checked")
            return
        }
        // Unset and empty are the same to serve: it then refuses every Fulcrum delivery (404).
        let secret = (environment[secretVariable]?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : $0 }
        do {
            let hooks = try await connection.fulcrum.client.webhooks().filter { $0.active && $0.url.contains("/webhooks/fulcrum/") }
            let plural = hooks.count == 1 ? "" : "s"
            if hooks.isEmpty {
                report.add(
                    "serve.fulcrum_webhook", .warning, "no active Fulcrum webhook points at a /webhooks/fulcrum/ URL (GET /api/v2/webhooks.json): serve learns of Fulcrum changes only at its poll passes",
                    fix: "register one: POST /api/v2/webhooks.json {\"webhook\": {\"name\": \"fgsync serve\", \"url\": \"https://YOUR-HOST/webhooks/fulcrum/$\(secretVariable)\"}} (or in Fulcrum's Settings > Webhooks)")
            } else if let secret {
                let matching = hooks.filter { $0.url.hasSuffix("/webhooks/fulcrum/" + secret) }.count
                if matching == 0 {
                    report.add(
                        "serve.fulcrum_webhook", .error, "\(hooks.count) Fulcrum webhook\(plural) point at /webhooks/fulcrum/, but none ends with the secret in \(secretVariable): serve refuses those deliveries",
                        fix: "update the webhook's URL to end with the secret in \(secretVariable) (not shown here)")
                } else {
                    report.add("serve.fulcrum_webhook", .ok, "\(matching) of \(hooks.count) active Fulcrum webhook\(plural) at /webhooks/fulcrum/ end with the secret in \(secretVariable)")
                }
            } else {
                report.add(
                    "serve.fulcrum_webhook", .warning, "\(hooks.count) active Fulcrum webhook\(plural) point at /webhooks/fulcrum/, but \(secretVariable) is unset or empty here, so the secret was not compared; a serve started with it unset or empty refuses every Fulcrum delivery (404)",
                    fix: "export \(secretVariable) (16 or more letters, digits, - or _) in serve's environment, and here to let doctor compare it")
            }
        } catch {
            report.add("serve.fulcrum_webhook", .warning, "cannot list Fulcrum's webhooks: \(error)", fix: "webhooks need Fulcrum's Developer Pack and a role that may change the organisation")
        }
        guard FileManager.default.fileExists(atPath: statePath), let store = try? SQLiteStateStore.openReadOnly(path: statePath) else {
            report.add("serve.received", .warning, "no state file yet, so no webhook was received", fix: "run fgsync reconcile, then fgsync serve")
            return
        }
        defer { try? store.close() }
        for source in ["fulcrum", "ghl"] {
            let name = source == "ghl" ? "GHL" : "Fulcrum"
            let last = (try? await store.lastInboxReceivedAt(source: source)) ?? nil
            let check = "serve.received.\(source)"
            guard let last else {
                report.add(check, .warning, "no \(name) webhook has ever reached serve's inbox", fix: source == "ghl" ? "GHL's webhooks are set in the Marketplace app (the API cannot list them): point them at https://YOUR-HOST/webhooks/ghl" : "check the webhook above and that serve is reachable from the internet")
                continue
            }
            let age = now().timeIntervalSince(last)
            let when = Timestamp.format(last, milliseconds: false)
            if age > recentWebhook {
                report.add(check, .warning, "the newest \(name) webhook reached the inbox at \(when), \(Int(age / 3_600)) hours ago", fix: "if people changed records since, check serve is running and reachable, and the webhook is active")
            } else {
                report.add(check, .ok, "the newest \(name) webhook reached the inbox at \(when)")
            }
        }
    }
}
