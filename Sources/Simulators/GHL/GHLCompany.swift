import Foundation

/// The agency (company) side of the GHL simulator: where the Marketplace app is installed, and
/// the Company OAuth tokens (ghl.md §1.3: `user_type=Company`).
///
/// An actor because install, uninstall and token calls change it from concurrent requests.
/// Location tokens live in each location's `GHLStore`; this holds only what belongs to the company.
actor GHLCompany {
    let options: GHLOptions
    let clock: SimClock
    let random: SeededRandom
    /// Installed locations and when (simulated ms).
    private(set) var installedAt: [String: Int64] = [:]
    var accessTokens: [String: GHLGrant] = [:]
    var refreshTokens: [String: String] = [:]

    init(options: GHLOptions, clock: SimClock, random: SeededRandom) {
        self.options = options
        self.clock = clock
        self.random = random
        let now = clock.nowMillis()
        self.installedAt = Dictionary(uniqueKeysWithValues: options.locationIds.map { ($0, now) })
    }

    /// Every location installed, no Company tokens (the initial state).
    func reset() {
        accessTokens = [:]
        refreshTokens = [:]
        installEverywhere()
    }

    private func installEverywhere() {
        let now = clock.nowMillis()
        installedAt = Dictionary(uniqueKeysWithValues: options.locationIds.map { ($0, now) })
    }

    /// Whether the app is installed in `locationId`.
    func isInstalled(_ locationId: String) -> Bool { installedAt[locationId] != nil }

    /// Installs or uninstalls; whether anything changed.
    func setInstalled(_ locationId: String, _ installed: Bool) -> Bool {
        guard isInstalled(locationId) != installed else { return false }
        installedAt[locationId] = installed ? clock.nowMillis() : nil
        return true
    }

    /// The grant of a Company access token, if it is one.
    func grant(for token: String) -> GHLGrant? { accessTokens[token] }

    /// Issues a Company token pair (an authorization code exchanged with `user_type=Company`, or
    /// a refresh); the old refresh token, if any, is spent.
    func issue() -> (access: String, refresh: String, grant: GHLGrant) {
        let grant = GHLGrant(
            locationId: "", scopes: GHLScopes.company,
            expiresMillis: clock.nowMillis() + Int64(options.accessTokenLifetimeSeconds) * 1000, kind: .company)
        let access = "sim-agency-at-" + random.string(length: 40)
        let refresh = "sim-agency-rt-" + random.string(length: 40)
        accessTokens[access] = grant
        refreshTokens[refresh] = access
        return (access, refresh, grant)
    }

    /// Spends a Company refresh token: a new pair, or `nil` when it is not one of ours.
    func refresh(_ token: String) -> (access: String, refresh: String, grant: GHLGrant)? {
        guard refreshTokens.removeValue(forKey: token) != nil else { return nil }
        return issue()
    }

    /// `GET /oauth/installedLocations` rows (InstalledLocationSchema), every location of the company.
    func installedLocationRows(onlyInstalled: Bool?) -> [JSONValue] {
        options.locationIds.enumerated().compactMap { index, id in
            let installed = isInstalled(id)
            if let onlyInstalled, onlyInstalled != installed { return nil }
            var row: [String: JSONValue] = [
                "_id": .string(id), "name": .string("Sim location \(index + 1)"), "address": "",
                "isInstalled": .bool(installed),
            ]
            if let at = installedAt[id] {
                row["versionId"] = "sim-version-1"
                row["installedAt"] = .string(TimeFormat.isoMillis(at))
            }
            return .object(row)
        }
    }
}
