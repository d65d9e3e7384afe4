import Foundation
import Logging
import SyncCore
import SyncEngine
import SyncReports
import SyncStore

/// The web console of `fgsync serve`: what the pages read and what their buttons do.
///
/// Pages read through the same jobs as the CLI (`StatusJob`, `ConflictsJob`, `ReportJob`'s
/// stored reports) over one read-only store, and a decision is recorded by `ResolveJob`, exactly as `fgsync resolve`
/// records it; passes run through serve's own `PassRunner` (`ConsoleWork`).
struct Console: Sendable {
    let statePath: String
    let config: MappingConfig
    /// Serve's store, for the console's writes (a parked event put back).
    let store: any StateStore
    /// One read-only store for every page the console reads, kept for its lifetime (a live
    /// page refreshes every 3 s; opening the file each time costs more than the reads).
    let reader: any StateStore
    let auth: ConsoleAuth
    let work: ConsoleWork
    let renderer: ConsoleRenderer
    /// Why the last pass failed, if it did (as `/readyz` says).
    let lastFailure: @Sendable () async -> String?
    /// Wakes the inbox worker (a parked event was put back).
    let wakeWorker: @Sendable () async -> Void
    let now: @Sendable () -> Date
    let logger: Logger
    /// Every sync serve serves, when there are several: the overview lists each with its
    /// health; the other pages show the first.
    var syncs: [ServedSync] = []

    /// The console when `console.token_env` names a set variable; `nil` when it is off.
    ///
    /// - Throws: `SyncEngineError.usage` when the variable is named but unset or too short.
    static func token(_ settings: ConsoleSettings, environment: [String: String]) throws -> String? {
        guard let name = settings.tokenEnv else { return nil }
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else {
            throw SyncEngineError(
                .usage,
                "console.token_env names \(name), which is not set; export it (e.g. `export \(name)=$(openssl rand -hex 24)`) or remove the console: section to run without the console"
            )
        }
        guard value.count >= 16 else {
            throw SyncEngineError(
                .usage,
                "\(name) must hold at least 16 characters (it is the console's only password); e.g. `export \(name)=$(openssl rand -hex 24)`"
            )
        }
        return value
    }

    /// A record's page in its system, when `web_url` is configured (http and https only).
    func link(_ endpoint: MappingConfig.Endpoint, _ id: String) -> ConsoleViews.RecordRef {
        let link = endpoint.webLink(id: id)
        let safe = link.flatMap {
            $0.lowercased().hasPrefix("https://") || $0.lowercased().hasPrefix("http://") ? $0 : nil
        }
        return .init(id: id, href: safe)
    }

    /// The plain-words fix for a held item.
    static func fix(_ item: PlanDocument.HeldEntry) -> String {
        let field = item.field.map { "the \($0) of " } ?? ""
        if item.reason.hasPrefix("Fulcrum record"), let id = item.fulcrumId {
            return
                "Correct \(field)Fulcrum record \(id) in Fulcrum; the next pass picks it up and this line goes away."
        }
        if item.reason.hasPrefix("GHL contact"), let id = item.contactId {
            return
                "Correct \(field)GHL contact \(id) in GHL; the next pass picks it up and this line goes away."
        }
        return "Do what the reason says; the next pass checks again."
    }

    /// Decisions in words.
    static func describe(_ choice: ConflictDecision.Choice) -> String {
        switch choice {
        case .fulcrum: "take Fulcrum's value"
        case .ghl: "take GHL's value"
        case .base: "keep the last agreed value"
        case .value(let value): "use \u{201C}\(value?.text ?? "")\u{201D}"
        }
    }
}
