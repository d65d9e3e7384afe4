import Foundation

/// Many locations of one company: which token may touch which location, the agency OAuth
/// routes (`/oauth/locationToken`, `/oauth/installedLocations`), and install / uninstall.
extension GHLSimulator {
    /// The store of `locationId`, if the simulator serves it.
    func store(for locationId: String) -> GHLStore? {
        options.locationIds.firstIndex(of: locationId).map { stores[$0] }
    }

    func persistence(of target: GHLStore) -> Persistence? {
        stores.firstIndex(where: { $0 === target }).flatMap { persistences[$0] }
    }

    /// Resolves a bearer token: the private integration token, a Company token, or a location's
    /// token; an expired one is refused as GHL does ("Invalid JWT").
    func grant(for token: String) async throws(SimError) -> GHLGrant {
        if token == options.privateIntegrationToken {
            return GHLGrant(
                locationId: options.locationId, scopes: GHLScopes.all, expiresMillis: nil, kind: .privateIntegration)
        }
        var found = await company.grant(for: token)
        if found == nil {
            for locationStore in stores {
                if let grant = await locationStore.tokenGrant(token) {
                    found = grant
                    break
                }
            }
        }
        guard let grant = found else { throw GHLErrors.unauthorized("Invalid token: access token is invalid") }
        if let expires = grant.expiresMillis, clock.nowMillis() >= expires {
            throw GHLErrors.unauthorized("Invalid JWT")
        }
        return grant
    }

    /// The grant narrowed to one location and that location's store.
    ///
    /// A location token works on its own location only: its store is the only one it sees (a
    /// contact of another location is "not found"), and a `locationId` naming another location
    /// is refused as before. A Company token is refused on every location route (ghl.md §2:
    /// "This AuthClass is not yet supported", UNCONFIRMED). The private integration token serves
    /// the location the request names (`locationId` in the path, query or body, else the
    /// location holding the contact), else the first.
    func resolve(_ grant: GHLGrant, route: GHLRoute, params: [String: String], request: SimRequest)
        async throws(SimError) -> (grant: GHLGrant, store: GHLStore)
    {
        switch grant.kind {
        case .company:
            guard route.isAgencyOnly else { throw GHLErrors.unauthorized("This AuthClass is not yet supported") }
            return (grant, store)
        case .location:
            return (grant, store(for: grant.locationId) ?? store)
        case .privateIntegration:
            // One location (the default): the grant is the first location's, as it always was.
            guard stores.count > 1 else { return (grant, store) }
            var narrowed = grant
            // A location the company does not have stays refused as before (the first location's grant).
            if let named = await requestedLocation(params: params, request: request), store(for: named) != nil {
                narrowed.locationId = named
            }
            return (narrowed, store(for: narrowed.locationId) ?? store)
        }
    }

    /// The location a request names, for the private integration token.
    func requestedLocation(params: [String: String], request: SimRequest) async -> String? {
        if let id = params["locationId"] ?? request.query("locationId") { return id }
        if let id = (try? JSONValue.parse(request.body))?["locationId"]?.stringValue { return id }
        guard let contactId = params["contactId"] else { return nil }
        for (index, locationStore) in stores.enumerated() where await locationStore.contact(id: contactId) != nil {
            return options.locationIds[index]
        }
        return nil
    }

    // MARK: - Agency OAuth

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

    // MARK: - Install / uninstall (control)

    /// Installs or uninstalls the app in a location (`POST /_sim/locations/:id/install` or
    /// `/uninstall`): sends the signed `INSTALL` / `UNINSTALL` event to the webhook targets, and an
    /// uninstall revokes the location's tokens. Doing it twice changes nothing and sends nothing.
    public func setInstalled(_ installed: Bool, locationId: String) async -> Bool? {
        guard let target = store(for: locationId) else { return nil }
        guard await company.setInstalled(locationId, installed) else { return false }
        if !installed { await target.revokeTokens() }
        await target.enqueueLifecycle(
            installed ? "INSTALL" : "UNINSTALL", companyId: options.companyId, appId: options.appId)
        await flushEvents()
        return true
    }

    func installControl(_ path: [String]) async -> SimResponse {
        let installed = path[2] == "install"
        switch await setInstalled(installed, locationId: path[1]) {
        case nil: return .json(404, ["error": .string("no location \(path[1])")])
        case let changed?:
            return .json(200, ["locationId": .string(path[1]), "installed": .bool(installed), "changed": .bool(changed)])
        }
    }
}
