import Demo
import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators
import SyncCore
import Testing

/// Notes, tasks and appointments edited the way a person would: through each API.
extension LiveHarness {
    /// The simulators' config with every pair's children listed on every run (`sweep: 100%`).
    var childConfig: MappingConfig {
        var config = sims.config
        config.children.sweepShare = 1
        return config
    }

    /// The resolved kind `kind` of the simulators' form.
    func childKind(_ kind: ChildKind) throws -> ResolvedChildren.Kind {
        try #require(mapping.children.kind(kind))
    }

    /// The items of a record's repeatable of `kind`, as the Fulcrum simulator holds them:
    /// each item's values by GHL field name, plus `id` and `ghlId`.
    func items(_ recordId: String, _ kind: ChildKind) async throws -> [[String: String]] {
        let resolved = try childKind(kind)
        guard let record = await records().first(where: { $0.id == recordId }) else { return [] }
        return (record.formValues[resolved.repeatable.key]?.arrayValue ?? []).map { item in
            let values = item["form_values"]?.objectValue ?? [:]
            var out = ["id": item["id"]?.stringValue ?? ""]
            out["ghlId"] = values[resolved.linkElement.key]?.stringValue
            for field in resolved.fields { out[field.ghl] = values[field.element.key]?.stringValue }
            return out
        }
    }

    /// Edits a record's repeatable of `kind` through GET and PUT, as the app would save it.
    func editItems(_ recordId: String, _ kind: ChildKind, _ edit: ([[String: Any]]) -> [[String: Any]]) async throws {
        let resolved = try childKind(kind)
        var record = try await sims.fulcrumClient.record(id: recordId).object()
        var values = record["form_values"] as? [String: Any] ?? [:]
        values[resolved.repeatable.key] = edit(values[resolved.repeatable.key] as? [[String: Any]] ?? [])
        record["form_values"] = values
        _ = try await sims.fulcrumClient.replaceRecord(id: recordId, json: try JSONSerialization.data(withJSONObject: record))
    }

    /// A new repeatable item of `kind` with values by GHL field name.
    func newItem(_ kind: ChildKind, _ values: [String: String]) throws -> [String: Any] {
        let resolved = try childKind(kind)
        var formValues: [String: Any] = [:]
        for (name, value) in values {
            formValues[try #require(resolved.fields.first { $0.ghl == name }).element.key] = value
        }
        return ["form_values": formValues]
    }

    /// Sets fields (by GHL field name) of the item whose GHL id is `ghlId`.
    func setItem(_ recordId: String, _ kind: ChildKind, ghlId: String, _ values: [String: String]) async throws {
        let resolved = try childKind(kind)
        try await editItems(recordId, kind) { items in
            items.map { item in
                var item = item
                var formValues = item["form_values"] as? [String: Any] ?? [:]
                guard formValues[resolved.linkElement.key] as? String == ghlId else { return item }
                for (name, value) in values {
                    if let field = resolved.fields.first(where: { $0.ghl == name }) { formValues[field.element.key] = value }
                }
                item["form_values"] = formValues
                return item
            }
        }
    }

    /// A contact's notes as the GHL simulator holds them, by id.
    func notes(_ contactId: String) async -> [String: String] {
        Dictionary(uniqueKeysWithValues: await sims.cluster.ghl.store.allNotes().filter { $0.contactId == contactId }.map { ($0.id, $0.body) })
    }

    /// A contact's tasks as the GHL simulator holds them, by id: title and completed.
    func tasks(_ contactId: String) async -> [String: (title: String, completed: Bool)] {
        Dictionary(uniqueKeysWithValues: await sims.cluster.ghl.store.allTasks().filter { $0.contactId == contactId }.map { ($0.id, ($0.title, $0.completed)) })
    }
}
