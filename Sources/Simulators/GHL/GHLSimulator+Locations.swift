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
