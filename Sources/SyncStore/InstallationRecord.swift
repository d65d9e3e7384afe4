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
