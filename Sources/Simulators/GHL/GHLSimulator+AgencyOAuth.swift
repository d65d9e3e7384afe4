import Foundation

/// The agency's OAuth routes (ghl.md §1.3): a Company token pair from `/oauth/token`, location
/// tokens from `POST /oauth/locationToken`, and `GET /oauth/installedLocations`.
extension GHLSimulator {
    /// `POST /oauth/token` with `user_type=Company`, or a Company refresh token: a Company pair
    /// (`nil` when the request is for a Location token).
    func companyExchange(grantType: String, userType: String?, code: String?, refreshToken: String?)
        async throws(SimError) -> SimResponse?
    {
        let pair: (access: String, refresh: String, grant: GHLGrant)
        switch grantType {
        case "authorization_code" where userType == "Company":
            guard let code, await store.takeAuthorizationCode(code) else {
                throw GHLErrors.unauthorized("Invalid grant: authorization code is invalid")
            }
            pair = await company.issue()
        case "refresh_token":
            guard let refreshToken, let rotated = await company.refresh(refreshToken) else { return nil }
            pair = rotated
        default:
            return nil
        }
        var installed: [JSONValue] = []
        for id in options.locationIds where await company.isInstalled(id) { installed.append(.string(id)) }
        return .json(
            200,
            [
                "access_token": .string(pair.access), "token_type": "Bearer",
                "expires_in": .int(options.accessTokenLifetimeSeconds), "refresh_token": .string(pair.refresh),
                "scope": .string(pair.grant.scopes.sorted().joined(separator: " ")), "userType": "Company",
                "companyId": .string(options.companyId), "approvedLocations": .array(installed),
                "userId": "sImUser0000000000001", "isBulkInstallation": true, "installToFutureLocations": false,
                "approveAllLocations": false, "traceId": .string(random.uuid()),
            ])
    }

    /// `POST /oauth/locationToken` (form body `companyId`, `locationId`): a location token for an
    /// installed location of the token's company; 400 "Location not found" otherwise (ghl.md §1.3).
    func locationToken(_ request: SimRequest) async throws(SimError) -> SimResponse {
        var fields: [String: String] = [:]
        if request.header("content-type")?.contains("json") == true {
            for (key, value) in (try? JSONValue.parse(request.body))?.objectValue ?? [:] {
                if let text = value.stringValue { fields[key] = text }
            }
        } else {
            for (name, value) in SimRequest.parseQuery(String(decoding: request.body, as: UTF8.self)) {
                fields[name] = value
            }
        }
        let missing = ["companyId", "locationId"].filter { (fields[$0] ?? "").isEmpty }
        if !missing.isEmpty { throw GHLErrors.unprocessable(missing.map { "\($0) should not be empty" }) }
        let locationId = fields["locationId"]!
        guard fields["companyId"] == options.companyId, let target = store(for: locationId),
            await company.isInstalled(locationId)
        else {
            throw GHLErrors.badRequest("Location not found")
        }
        let (token, grant) = await target.mintLocationToken()
        return .json(
            200,
            [
                "access_token": .string(token), "token_type": "Bearer",
                "expires_in": .int(options.accessTokenLifetimeSeconds),
                "scope": .string(grant.scopes.sorted().joined(separator: " ")), "locationId": .string(locationId),
                "planId": "sim-plan-1", "userId": "sImUser0000000000001", "appId": .string(options.appId),
                "versionId": "sim-version-1",
            ])
    }

    /// `GET /oauth/installedLocations?companyId&isInstalled...` (GetInstalledLocationsSuccessfulResponseDto).
    func installedLocations(_ request: SimRequest) async throws(SimError) -> SimResponse {
        guard let companyId = request.query("companyId"), !companyId.isEmpty else {
            throw GHLErrors.unprocessable(["companyId should not be empty"])
        }
        guard companyId == options.companyId else {
            throw GHLErrors.forbidden("The token does not have access to this company.")
        }
        let filter = request.query("isInstalled").map { $0 == "true" }
        let rows = await company.installedLocationRows(onlyInstalled: filter)
        let skip = max(0, Int(request.query("skip") ?? "0") ?? 0)
        let limit = max(1, min(Int(request.query("limit") ?? "20") ?? 20, 100))
        return .json(
            200,
            [
                "locations": .array(Array(rows.dropFirst(skip).prefix(limit))), "count": .int(rows.count),
                "installToFutureLocations": false,
            ])
    }
}
