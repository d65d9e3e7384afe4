import Foundation

/// The parts of a location's store the Marketplace install flow touches: location tokens minted
/// from a Company token, their revocation on uninstall, and the lifecycle events.
extension GHLStore {
    /// The grant of one of this location's access tokens, expired or not.
    func tokenGrant(_ token: String) -> GHLGrant? { accessTokens[token] }

    /// Takes an authorization code (it can be used once), for the Company exchange.
    func takeAuthorizationCode(_ code: String) -> Bool { authCodes.removeValue(forKey: code) != nil }

    /// Mints a location access token (`POST /oauth/locationToken`).
    func mintLocationToken() -> (token: String, grant: GHLGrant) {
        let grant = GHLGrant(
            locationId: options.locationId, scopes: GHLScopes.all,
            expiresMillis: clock.nowMillis() + Int64(options.accessTokenLifetimeSeconds) * 1000)
        let token = "sim-lt-" + random.string(length: 40)
        accessTokens[token] = grant
        return (token, grant)
    }

    /// Forgets every access and refresh token of this location (the app was uninstalled).
    func revokeTokens() {
        accessTokens = [:]
        refreshTokens = [:]
        authCodes = [:]
    }

    /// Queues an app lifecycle event (`INSTALL` / `UNINSTALL`) for the webhook targets.
    func enqueueLifecycle(_ type: String, companyId: String, appId: String) {
        var payload: [String: JSONValue] = [
            "type": .string(type), "appId": .string(appId), "companyId": .string(companyId),
            "locationId": .string(options.locationId),
        ]
        if type == "INSTALL" {
            payload["installType"] = "Location"
            payload["userId"] = "sImUser0000000000001"
        }
        outbox.append((type, payload))
    }
}
