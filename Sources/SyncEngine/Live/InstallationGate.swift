import Foundation
import SyncCore
import SyncHTTP
import SyncStore

/// Stops a sync whose GHL location no longer has the Marketplace app, with one clear error
/// (`SyncEngineError.Code.uninstalled`, exit 5) instead of a failure on every pass.
///
/// Before a run: a location recorded uninstalled (an `UNINSTALL` event, or an earlier refused
/// location token) does not start until an `INSTALL` is recorded. During a run: GHL refusing to
/// mint the location's token is recorded as an uninstall and reported the same way.
struct InstallationGate: Sendable {
    let store: any StateStore
    let config: MappingConfig
    let syncName: String

    /// Throws `uninstalled` when the state file says the app was uninstalled.
    func check() async throws {
        guard let record = try await store.installation(), !record.installed,
            record.locationId == config.ghl.id
        else { return }
        throw uninstalled(
            since: " (recorded \(Timestamp.format(record.at, milliseconds: false)) from \(record.source))")
    }

    /// `error` as the run should report it: a refused location token becomes `uninstalled`
    /// (and is recorded); anything else is unchanged.
    func translate(_ error: any Error) async throws -> any Error {
        guard let api = error as? APIError, api.code == .appUninstalled else { return error }
        try await store.recordInstallation(
            installed: false, at: store.clock.now(), source: "locationToken", locationId: config.ghl.id)
        return uninstalled(since: "")
    }

    func uninstalled(since: String) -> SyncEngineError {
        SyncEngineError(
            .uninstalled,
            "location \(config.ghl.id) has uninstalled the app\(since); reinstall it from the Marketplace or remove sync \(syncName) from the config")
    }
}
