import ArgumentParser
import Foundation
import SyncCore
import SyncEngine

/// `fgsync migrate-state`: move a sync's state between an SQLite file and PostgreSQL.
struct MigrateStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-state",
        abstract: "Move one sync's state between an SQLite state file and PostgreSQL, keeping every id.",
        discussion: """
            --from and --to each name a state file's path, env:NAME (a variable holding a postgres:// URL: the way \
            to give a password), or a postgres:// URL without a password. A database keeps the sync's state in the \
            schema fgsync_NAME (--sync, default: default). The source is locked while it is copied and left as it \
            was; the destination must hold no state. Then point the config at the destination (state: url_env: NAME). \
            Exit 0 copied; 2 usage, a destination that holds state, or a source a run holds.
            """)

    @Option(help: "Where the state is now: a state file, env:NAME or a postgres:// URL without a password.") var from: String
    @Option(help: "Where it goes (empty): a state file, env:NAME or a postgres:// URL without a password.") var to: String
    @Option(help: "The sync whose state this is (it names the database schema, fgsync_NAME).") var sync = "default"

    func run() async throws {
        do {
            var environment = ProcessInfo.processInfo.environment
            let source = try MigrateStateJob.location(from, role: "from", sync: sync, environment: &environment)
            let destination = try MigrateStateJob.location(to, role: "to", sync: sync, environment: &environment)
            let result = try await MigrateStateJob(from: source, to: destination, opener: StateOpener(environment: environment)).run()
            Console.out("fgsync migrate-state: \(result.summary)")
        } catch {
            Console.error("fgsync migrate-state: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
