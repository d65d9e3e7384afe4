import Foundation

extension SQLiteStateStore {
    static let installationKey = "ghl_installation"

    /// Records that the app was installed in, or uninstalled from, the sync's location (`serve`
    /// calls it when an `INSTALL` / `UNINSTALL` event arrives; a run calls it when GHL will not
    /// mint the location's token). An older fact than the one stored is ignored, so a late
    /// delivery cannot undo a newer one. Returns whether the record changed.
    @discardableResult
    public func recordInstallation(installed: Bool, at: Date, source: String, locationId: String) async throws -> Bool {
        let record = InstallationRecord(installed: installed, at: at, source: source, locationId: locationId)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(record), as: UTF8.self)
        let stored = try await installation()
        if let stored, stored.locationId == locationId, stored.at > at { return false }
        if stored == record { return false }
        try await transaction { try $0.setMeta(Self.installationKey, text) }
        return true
    }

    /// The last installation fact recorded, or `nil` when none was (the app is assumed installed).
    public func installation() async throws -> InstallationRecord? {
        guard let text = try await metaValue(Self.installationKey) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(InstallationRecord.self, from: Data(text.utf8))
    }
}
