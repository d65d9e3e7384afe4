import ArgumentParser

/// `fgsync reconcile`: the nightly full reconciliation.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Snapshot both systems, plan, apply through the journal, and report.",
        discussion: """
            Tokens come from the environment: the variables named by fulcrum.token_env and ghl.token_env \
            (default FULCRUM_TOKEN and GHL_TOKEN), or GHL OAuth (GHL_CLIENT_ID, GHL_CLIENT_SECRET and the \
            token file written by `fgsync auth ghl`). Exit 0 all done, 1 some operations failed (the next run \
            retries them), 2 usage or config error, 3 a safety rail tripped, 4 auth error.
            """)

    @OptionGroup var options: RunOptions

    func run() async throws {
        try await options.run(command: "reconcile", delta: false)
    }
}
