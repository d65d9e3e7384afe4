/// A GHL Marketplace app lifecycle event (`INSTALL` or `UNINSTALL`): the app was installed in
/// or removed from a location. Not a contact change: it never enters a sync's inbox.
public struct AppInstallEvent: Sendable, Equatable {
    /// Installed or uninstalled.
    public enum Kind: String, Sendable {
        case install = "INSTALL"
        case uninstall = "UNINSTALL"
    }

    /// What happened.
    public var kind: Kind
    /// The location the app was installed in or removed from (absent for an agency-wide event).
    public var locationId: String?
    /// The agency (company) the location belongs to.
    public var companyId: String?
    /// GHL's id of the delivery.
    public var webhookId: String
    /// The configured sync of `locationId`, when there is one.
    public var sync: String?

    /// Reads an app event from a verified delivery; `nil` for every other type.
    init?(type: String, object: [String: Any], webhookId: String, sync: String?) {
        guard let kind = Kind(rawValue: type) else { return nil }
        self.kind = kind
        self.locationId = object["locationId"] as? String
        self.companyId = object["companyId"] as? String
        self.webhookId = webhookId
        self.sync = sync
    }
}
