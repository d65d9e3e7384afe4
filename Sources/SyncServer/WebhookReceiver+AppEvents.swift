import Foundation
import Logging
import SyncCore

extension WebhookReceiver {
    /// Hands a verified `INSTALL` / `UNINSTALL` event to the install flow (`ServeJob.appEvents`)
    /// and answers 200: it is counted (`fgsync_app_events_total`, labelled with the location's
    /// sync or `(none)`), logged with its location, and never queued as a contact change nor
    /// starts a pass.
    ///
    /// This is where the install record (adding or retiring a location's sync) connects.
    func appEvent(_ event: AppInstallEvent, sync: ServedSync?) async -> Answer {
        (sync?.metrics ?? metrics).appEvent(event.kind.rawValue)
        logger.info(
            "GHL app event",
            metadata: [
                "type": "\(event.kind.rawValue)", "location": "\(TextEscaping.escape(event.locationId ?? "(none)"))",
                "sync": "\(event.sync ?? ServeMetrics.unrouted)",
            ])
        await appEvents(event)
        return Answer(status: 200, message: "accepted", outcome: .accepted)
    }
}
