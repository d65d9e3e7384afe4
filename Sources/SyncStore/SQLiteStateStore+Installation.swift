import Foundation
import GRDB

extension SQLiteStateStore {
    /// Records that the app was installed in, or uninstalled from, the sync's location (`serve`
    /// calls it when an `INSTALL` / `UNINSTALL` event arrives; a run calls it when GHL will not
    /// mint the location's token). An older fact than the one stored is ignored, so a late
    /// delivery cannot undo a newer one. Returns whether the record changed.
    @discardableResult
    public func recordInstallation(installed: Bool, at: Date, source: String, locationId: String) async throws -> Bool {
        let record = InstallationRecord(installed: installed, at: at, source: source, locationId: locationId)
        let text = try record.metaText()
        return try await transaction { tx in
            let stored = InstallationRecord.fromMeta(
                try String.fetchOne(tx.db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [InstallationRecord.metaKey]))
            guard record.replaces(stored) else { return false }
            try tx.setMeta(InstallationRecord.metaKey, text)
            return true
        }
    }

    /// The last installation fact recorded, or `nil` when none was (the app is assumed installed).
    public func installation() async throws -> InstallationRecord? {
        InstallationRecord.fromMeta(try await metaValue(InstallationRecord.metaKey))
    }
}
