import Foundation
import SyncCore
import Testing
import TestSupport

/// The golden child scenarios of `fixtures/children/` (see its README): each folder's Fulcrum
/// records (with their repeatables), GHL contacts and their notes/tasks/appointments listings
/// and base are planned through `Planner.plan`, contacts and children together, and the plan
/// compared with its `expected.json`. `FGSYNC_UPDATE_GOLDEN=1` (or `=name,name`) rewrites goldens;
/// check every rewritten file by hand against its `scenario.md`.
struct ChildScenarioTests {
    static let update = ProcessInfo.processInfo.environment["FGSYNC_UPDATE_GOLDEN"] ?? ""

    static func names() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ChildrenMapping.root.path)) ?? []
        return names.filter { !$0.hasPrefix("_") && !$0.contains(".") }.sorted()
    }

    /// `base.json`'s children: agreed children by Fulcrum record id, values as texts.
    struct ChildBases: Decodable {
        struct Entry: Decodable {
            var kind: ChildKind
            var ghlId: String
            var fulcrumItemId: String
            var fields: [String: String]
            var deletedSide: Side?
        }

        var children: [String: [Entry]]?
    }

    static func file(_ directory: URL, _ name: String) -> URL {
        let own = directory.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: own.path) ? own : ChildrenMapping.root.appendingPathComponent("_shared/\(name)")
    }

    static func plan(_ name: String) async throws -> (PlanDocument, Plan) {
        let directory = ChildrenMapping.root.appendingPathComponent(name)
        let mapping = try ResolvedMapping(
            config: MappingConfig.load(contentsOf: file(directory, "config.yaml")),
            form: FormDefinition(json: Data(contentsOf: file(directory, "form.json"))))
        let children = ChildProjection(children: mapping.children)
        let records = try SnapshotDecoder.items(Data(contentsOf: directory.appendingPathComponent("records.json")), source: "records.json", key: "records")
        let contacts = try SnapshotDecoder.items(Data(contentsOf: directory.appendingPathComponent("contacts.json")), source: "contacts.json", key: "contacts")
        var input = PlanInput(
            bases: [], fulcrum: try records.map { try FulcrumProjection(mapping: mapping).project($0) },
            ghl: try contacts.map { try GHLProjection(mapping: mapping).project($0) })
        for record in records { input.fulcrumChildren[record["id"] as? String ?? ""] = children.fulcrumItems(of: record) }
        let listings = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("children.json"))) as? [String: [String: [[String: Any]]]] ?? [:]
        for (contactId, lists) in listings {
            input.ghlChildren[contactId] = (lists["notes"] ?? []).compactMap { children.ghlItem($0, kind: .note) }
                + (lists["tasks"] ?? []).compactMap { children.ghlItem($0, kind: .task) }
                + (lists["events"] ?? []).compactMap { children.ghlItem($0, kind: .appointment) }
        }
        let baseURL = directory.appendingPathComponent("base.json")
        var policy: ConflictPolicy?
        if FileManager.default.fileExists(atPath: baseURL.path) {
            let data = try Data(contentsOf: baseURL)
            input.bases = try JSONDecoder().decode(ScenarioBase.self, from: data).pairs.map { try $0.pairBase(mapping: mapping, scenario: name) }
            input.storedMappingHash = mapping.mappingHash
            for (fulcrumId, entries) in try JSONDecoder().decode(ChildBases.self, from: data).children ?? [:] {
                input.childBases[fulcrumId] = entries.map { entry in
                    ChildBase(
                        kind: entry.kind, ghlId: entry.ghlId, fulcrumItemId: entry.fulcrumItemId,
                        fields: Dictionary(uniqueKeysWithValues: entry.fields.compactMap { key, text in
                            children.canonical(text, kind: entry.kind, field: key).map { (key, $0) }
                        }),
                        deletedSide: entry.deletedSide)
                }
            }
        }
        let optionsURL = directory.appendingPathComponent("options.json")
        if FileManager.default.fileExists(atPath: optionsURL.path) {
            policy = try JSONDecoder().decode(ScenarioOptions.self, from: Data(contentsOf: optionsURL)).conflictPolicy
        }
        let plan = await Planner(settings: PlannerSettings(mapping: mapping, policyOverride: policy)).plan(input)
        return (PlanDocument(plan: plan, mapping: mapping), plan)
    }

    @Test(arguments: names())
    func childScenarioPlansWhatItsGoldenFileSays(_ name: String) async throws {
        let directory = ChildrenMapping.root.appendingPathComponent(name)
        let (document, _) = try await Self.plan(name)
        let expectedURL = directory.appendingPathComponent("expected.json")
        if Self.update == "1" || Self.update.split(separator: ",").contains(where: { $0 == name }) {
            try (document.json() + Data("\n".utf8)).write(to: expectedURL)
            return
        }
        let expected = try JSONDecoder().decode(PlanDocument.self, from: Data(contentsOf: expectedURL))
        if let diff = ScenarioDiff.diff(expected: expected, actual: document, scenario: name) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    @Test func everyChildScenarioSaysWhichRuleItChecksAndWhatItExpects() throws {
        #expect(Self.names().count >= 12)
        for name in Self.names() {
            let text = (try? String(contentsOf: ChildrenMapping.root.appendingPathComponent("\(name)/scenario.md"), encoding: .utf8)) ?? ""
            #expect(text.contains("DESIGN.md") || text.lowercased().contains("issue 9"), "\(name): scenario.md names no rule")
            #expect(text.contains("Expected"), "\(name): scenario.md does not say what is expected")
        }
    }
}
