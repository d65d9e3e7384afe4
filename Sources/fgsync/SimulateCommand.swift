import ArgumentParser
import Foundation
import Simulators

/// `fgsync simulate`: runs local simulators of the Fulcrum and GoHighLevel APIs.
///
/// Prints one JSON line with URLs and tokens first (a script reads it), then the GHL webhook
/// public keys, and runs until SIGINT/SIGTERM.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run local simulators of the Fulcrum and GoHighLevel APIs.",
        discussion: """
            The first line on stdout is {"fulcrum":{"url","token","formId"},"ghl":{"url","token","locationId","externalIdFieldId"}}.
            The second line holds the public keys GHL webhooks are signed with. Stop with Ctrl-C.

            --locations N serves N GHL locations of one company and N Fulcrum forms; the first line
            keeps the keys above (the first pair) and adds "syncs": [{"name","formId","locationId"}, ...]
            and ghl.companyId, and --write-config writes a `syncs:` config for every pair (same
            FULCRUM_TOKEN and GHL_TOKEN). Every location starts with the app installed;
            POST /_sim/locations/ID/install or /uninstall (with the GHL token) sends INSTALL/UNINSTALL.
            Agency mode (ghl.company_id) against it: take a consent code, then either store a Company
            pair with `fgsync auth ghl --company --code $code` (GHL_CLIENT_ID=sim-client-id,
            GHL_CLIENT_SECRET=sim-client-secret), or exchange it for a Company token to put in the
            variable named by ghl.agency_token_env:
              code=$(curl -s -X POST -H "Authorization: Bearer $GHL_TOKEN" $GHL_URL/_sim/oauth/code | jq -r .code)
              curl -s $GHL_URL/oauth/token -d client_id=sim-client-id -d client_secret=sim-client-secret \
                -d grant_type=authorization_code -d user_type=Company -d code=$code | jq -r .access_token
            """
    )

    @Option(help: "Fulcrum simulator port (0 = any free port).")
    var fulcrumPort: Int = 0

    @Option(help: "GoHighLevel simulator port (0 = any free port).")
    var ghlPort: Int = 0

    @Option(help: "Write a ready fgsync config (YAML) for the simulators to this path.")
    var writeConfig: String?

    @Option(help: "Keep simulator state in this directory between runs (default: memory only).")
    var dataDir: String?

    @Option(help: "Load Fulcrum records and GHL contacts from this JSON file (the APIs' own shapes).")
    var seed: String?

    @Option(help: "Delay before GHL writes show in search, in milliseconds.")
    var searchLagMs: Int = 0

    @Option(help: "GHL requests allowed per 10 s per location.")
    var ghlBurstLimit: Int = 100

    @Option(help: "GHL requests allowed per day per location.")
    var ghlDailyLimit: Int = 200_000

    @Option(help: "Fulcrum requests allowed per hour.")
    var fulcrumHourlyLimit: Int = 5_000

    @Option(help: "Lifetime of GHL OAuth access tokens, in seconds.")
    var accessTokenLifetime: Int = 86_399

    @Flag(help: "Let the GHL location allow duplicate contacts.")
    var allowDuplicates = false

    @Option(help: "Seed for generated ids and injected faults (default: a new one each run).")
    var randomSeed: UInt64?

    @Option(help: "GHL webhook target URL (repeatable).")
    var ghlWebhook: [String] = []

    @Option(help: "GHL locations (of one company) and Fulcrum forms to serve, one sync each.")
    var locations: Int = 1

    func validate() throws {
        guard (1...1_000).contains(locations) else { throw ValidationError("--locations takes 1 to 1000") }
    }

    func run() async throws {
        var options = SimulatorOptions()
        options.randomSeed = randomSeed ?? UInt64.random(in: 1...UInt64.max)
        options.fulcrumPort = fulcrumPort
        options.ghlPort = ghlPort
        options.locations = locations
        options.ghl.searchLagMillis = Int64(searchLagMs)
        options.ghl.burstLimit = ghlBurstLimit
        options.ghl.dailyLimit = ghlDailyLimit
        options.ghl.accessTokenLifetimeSeconds = accessTokenLifetime
        options.ghl.allowDuplicateContacts = allowDuplicates
        options.ghl.webhookURLs = ghlWebhook
        options.fulcrum.hourlyLimit = fulcrumHourlyLimit
        options.dataDirectory = dataDir.map { URL(fileURLWithPath: $0, isDirectory: true) }
        if let seed {
            do {
                options.seed = try SimulatorSeed.load(from: URL(fileURLWithPath: seed))
            } catch {
                throw ValidationError("Cannot read seed file \(seed): \(error)")
            }
        }
        let cluster = await SimulatorCluster(options: options)
        let summary = try await cluster.start(handleSignals: true)
        if let writeConfig {
            try summary.fgsyncConfigYAML().write(toFile: writeConfig, atomically: true, encoding: .utf8)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        print(
            String(
                decoding: try encoder.encode(["ghlWebhookKeys": cluster.ghl.signer.publicKeys]), as: UTF8.self
            ))
        fflush(nil)
        try await cluster.waitUntilStopped()
    }
}
