import Foundation
import HighLevelAPI
import SyncCore
import SyncHTTP

// MARK: - The scopes the `children:` section needs

extension DoctorJob {
    /// One finding per mapped child kind (`ghl.scopes.notes`, `.tasks`, `.appointments`).
    ///
    /// GHL serves notes, tasks and appointments under `/contacts/{id}/...` and guards them with
    /// the contacts scopes (ghl.md §1.4, `security` of each route in contacts.json): reading needs
    /// `contacts.readonly`, writing `contacts.write`; there is no separate notes or tasks scope.
    /// So each kind gets a read probe (a GET of the kind under a contact id that does not exist),
    /// and notes and tasks written to GHL (direction `both` or `to_ghl`) a write probe (a PUT of
    /// an item id that does not exist under that contact). Not found = allowed, and nothing
    /// changes; 401/403 = the scope is missing. Appointments are read-only: never probed for write.
    func checkChildScopes(config: MappingConfig, connection: LiveConnection, into report: inout DoctorReport) async {
        let client = connection.ghl.client
        let id = Self.probeId
        for mapping in config.children.mappings {
            let kind = mapping.kind
            let key = kind.configKey
            var probes: [(scope: String, what: String, outcome: ProbeOutcome)] = []
            switch kind {
            case .note:
                probes.append(("contacts.readonly", "GET /contacts/{id}/notes", await Self.probe { _ = try await client.notes(contactId: id) }))
            case .task:
                probes.append(("contacts.readonly", "GET /contacts/{id}/tasks", await Self.probe { _ = try await client.tasks(contactId: id) }))
            case .appointment:
                probes.append(("contacts.readonly", "GET /contacts/{id}/appointments", await Self.probe { _ = try await client.appointments(contactId: id) }))
            }
            let writes = kind != .appointment && mapping.direction.writes(to: .ghl)
            if writes, kind == .note {
                probes.append(("contacts.write", "PUT /contacts/{id}/notes/{noteId}", await Self.probe(write: true) {
                    _ = try await client.updateNote(contactId: id, noteId: id, json: Data("{}".utf8))
                }))
            } else if writes, kind == .task {
                probes.append(("contacts.write", "PUT /contacts/{id}/tasks/{taskId}", await Self.probe(write: true) {
                    _ = try await client.updateTask(contactId: id, taskId: id, json: Data("{}".utf8))
                }))
            }
            let how = "checked by " + probes.map { "\($0.what) (\($0.scope))" }.joined(separator: " and ")
                + " aimed at ids that do not exist (not found = allowed)"
                + (writes ? "" : kind == .appointment ? "; appointments are read-only" : "; children.\(key).direction is \(mapping.direction.rawValue), so fgsync never writes \(kind.word)s to GHL and the write scope was not checked")
            let refused = probes.compactMap { probe in probe.outcome.refusal.map { (probe.scope, probe.what, $0) } }
            let unchecked = probes.compactMap { probe in probe.outcome.failure.map { "\(probe.what): \($0)" } }
            if !refused.isEmpty {
                let scopes = Array(Set(refused.map(\.0))).sorted()
                let detail = refused.map { "\($0.0) for \(kind.word)s (\($0.1) answered \($0.2))" }.joined(separator: "; ")
                let alternative = scopes.contains("contacts.write")
                    ? ", or set children.\(key).direction: to_fulcrum if fgsync should not write \(kind.word)s to GHL" : ""
                report.add(
                    "ghl.scopes.\(key)", .error, "missing or refused: \(detail); \(how)",
                    fix: "give the private integration (or the OAuth app) the scope\(scopes.count == 1 ? "" : "s") \(scopes.joined(separator: " ")) (GHL guards \(kind.word)s with the contacts scopes; there is no separate \(kind.word) scope)\(alternative)")
            } else if !unchecked.isEmpty {
                report.add(
                    "ghl.scopes.\(key)", .warning, "could not check: \(unchecked.joined(separator: "; ")); \(how)",
                    fix: "run fgsync doctor again when GHL answers (a 429 means today's allowance is used up)")
            } else {
                report.add("ghl.scopes.\(key)", .ok, "the token may \(writes ? "read and write" : "read") \(kind.word)s; \(how)")
            }
        }
    }

    /// How a probe went: allowed, refused for want of a scope, or not answered.
    enum ProbeOutcome {
        case allowed
        case refused(String)
        case failed(String)

        var refusal: String? { if case .refused(let why) = self { why } else { nil } }
        var failure: String? { if case .failed(let why) = self { why } else { nil } }
    }

    /// Runs a probe: not found (the ids do not exist) or, for a read, an answer is allowed; 401
    /// or 403 is a refusal; anything else (a 429, an outage) says nothing about the scopes. A
    /// write that succeeds is reported, since it cannot have.
    static func probe(write: Bool = false, _ body: () async throws -> Void) async -> ProbeOutcome {
        do {
            try await body()
            return write ? .failed("the probe unexpectedly succeeded") : .allowed
        } catch let error as APIError where error.isNotFound {
            return .allowed
        } catch let error as APIError where error.isAuthFailure || error.status == 403 {
            return .refused("\(error.status.map(String.init) ?? "401"): \(error.message)")
        } catch {
            return .failed("\(error)")
        }
    }
}
