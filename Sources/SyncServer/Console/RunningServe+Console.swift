extension RunningServe {
    /// Whether the web console is on (`console.token_env` names a set variable).
    public var hasConsole: Bool { console != nil }

    /// Waits until every pass the console queued (decisions, retries, forces) has finished.
    public func consoleSettled() async { await console?.work.settle() }
}
