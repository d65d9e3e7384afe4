import Foundation
import Logging
import SyncCore
import SyncEngine
import SyncStore

extension WebhookReceiver {
    /// Works a verified `INSTALL` / `UNINSTALL` event and answers: it is counted
    /// (`fgsync_app_events_total`, labelled with the location's sync or `(none)`), logged with
    /// its location, recorded in the state file of the sync that syncs that location, and
    /// handed to `ServeJob.appEvents`; it is never queued as a contact change nor starts a pass.
    ///
    /// An `UNINSTALL` stops the sync's passes with one clear status (`InstallationGate`) until
    /// an `INSTALL` is recorded, which wakes it again. An event for a location no sync names
    /// is answered 200 and logged with what to do. A record that cannot be written is answered
    /// 500, so GHL delivers the event again.
    func appEvent(_ event: AppInstallEvent, sync: ServedSync?) async -> Answer {
        (sync?.metrics ?? metrics).appEvent(event.kind.rawValue)
        let location = TextEscaping.escape(event.locationId ?? "(none)")
        logger.info(
            "GHL app event",
            metadata: ["type": "\(event.kind.rawValue)", "location": "\(location)", "sync": "\(event.sync ?? ServeMetrics.unrouted)"])
        if let sync, let locationId = event.locationId, sync.config.ghl.id == locationId {
            do {
                let changed = try await sync.store.recordInstallation(
                    installed: event.kind == .install, at: event.sentAt ?? now(), source: "webhook", locationId: locationId)
                if changed {
                    logger.notice(
                        event.kind == .install
                            ? "the GHL app was installed in the location: its sync runs again"
                            : "the GHL app was uninstalled from the location: its sync stops until it is installed again",
                        metadata: ["sync": "\(sync.name)", "location": "\(location)"])
                    if event.kind == .install {
                        await sync.wake()
                        if try await !sync.store.deltaCanStart() {
                            logger.notice(
                                "the newly installed location's sync has never finished a full reconcile: run `fgsync reconcile --sync \(sync.name)` once to start it",
                                metadata: ["sync": "\(sync.name)"])
                        }
                    }
                }
            } catch {
                logger.error("app event not recorded", metadata: ["sync": "\(sync.name)", "error": "\(TextEscaping.escape("\(error)"))"])
                return Answer(status: 500, message: "the install record could not be written; deliver again", outcome: .storeFailed)
            }
        } else if event.kind == .install, event.locationId != nil {
            logger.notice(
                "the GHL app was installed in a location no sync names: add a sync with this ghl.location_id to the config to sync it",
                metadata: ["location": "\(location)"])
        }
        await appEvents(event)
        return Answer(status: 200, message: "accepted", outcome: .accepted)
    }
}
