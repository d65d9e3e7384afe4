import Foundation

/// Whether the GHL Marketplace app is installed in the sync's location, as last seen: from an
/// `INSTALL` / `UNINSTALL` webhook event, or from GHL refusing to mint a location token.
public struct InstallationRecord: Sendable, Hashable, Codable {
    /// Installed (`INSTALL`) or not (`UNINSTALL`, or a refused location token).
    public var installed: Bool
    /// When it happened (the event's `timestamp`, or when it was seen).
    public var at: Date
    /// Who saw it, e.g. `webhook` or `locationToken`.
    public var source: String
    /// The location it is about.
    public var locationId: String

    /// Creates a record.
    public init(installed: Bool, at: Date, source: String, locationId: String) {
        self.installed = installed
        self.at = at
        self.source = source
        self.locationId = locationId
    }
}

extension InstallationRecord {
    /// The `meta` key both backends keep the record under.
    package static let metaKey = "ghl_installation"

    /// The record as stored in `meta`: JSON, keys sorted, dates ISO 8601.
    package func metaText() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A stored record, or `nil` when there is none or it does not read.
    package static func fromMeta(_ text: String?) -> InstallationRecord? {
        guard let text else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(InstallationRecord.self, from: Data(text.utf8))
    }

    /// Whether this fact should replace `stored`: it is news, and not older than what is
    /// known of the same location (a late delivery cannot undo a newer fact).
    package func replaces(_ stored: InstallationRecord?) -> Bool {
        if let stored, stored.locationId == locationId, stored.at > at { return false }
        return stored != self
    }
}
