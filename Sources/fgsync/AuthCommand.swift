import ArgumentParser
import Foundation
import SyncCore
import SyncEngine

/// `fgsync auth ghl`: OAuth set-up for GoHighLevel.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Set up OAuth tokens for GoHighLevel (fgsync auth ghl --code CODE | --refresh).",
        discussion: "Needs GHL_CLIENT_ID and GHL_CLIENT_SECRET in the environment. Tokens are stored beside the state file (mode 0600) and never printed.")

    @Argument(help: "The system: ghl.") var system: String
    @Option(help: "The fgsync YAML mapping.") var config: String
    @Option(help: "The state file (default: fgsync.sqlite beside the config); a folder for a syncs: config.") var state: String?
    @Option(help: "The sync of a syncs: config whose tokens to set up.") var sync: String?
    @Option(help: "The authorization code from the OAuth redirect.") var code: String?
    @Flag(help: "Refresh the stored tokens now.") var refresh = false
    @Option(name: .customLong("redirect-uri"), help: "The redirect URI registered for the app.") var redirectURI = "http://localhost/oauth/callback"

    func validate() throws {
        guard system == "ghl" else { throw ValidationError("only `fgsync auth ghl` exists: Fulcrum uses an API token from the environment") }
        guard (code != nil) != refresh else { throw ValidationError("give exactly one of --code CODE or --refresh") }
    }

    func run() async throws {
        do {
            let target = try SyncTarget.one(configPath: config, stateOption: state, sync: sync)
            Console.out(try await GHLAuthorization(configPath: config, sync: target.sync, statePath: target.statePath).run(code: code, redirectURI: redirectURI))
        } catch {
            Console.error("fgsync auth: \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
    }
}
