import ArgumentParser

/// `fgsync sync`: one incremental delta pass.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Read only what changed since the last pass, plan, apply through the journal, and report.",
        discussion: """
            A delta pass: Fulcrum's change feed (records/history.json, deletes included) after the stored \
            sequence, and GHL contacts whose dateUpdated is at or after the stored time (less the search \
            lag), go into the state file's mirrors; then the pairs are planned, applied and reported as \
            `fgsync reconcile` does, with the same rules, rails, decisions and journal. The cursors move \
            only once everything read is applied. Webhook events waiting in the inbox (stored by `fgsync serve`) \
            are worked too: each names a record that is re-read, and a GHL ContactDelete deletes only once GHL \
            answers 404. Needs one full `fgsync reconcile` first (exit 2 until then). GHL deletes that sent no \
            webhook, and GHL changes that did not move dateUpdated, reach fgsync through the nightly reconcile, \
            which stays the safety net. Tokens and exit codes as reconcile.
            """)

    @OptionGroup var options: RunOptions

    func run() async throws {
        try await options.run(command: "sync", delta: true)
    }
}
