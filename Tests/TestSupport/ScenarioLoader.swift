import Foundation
import SyncCore

/// One golden reconciliation scenario: a folder under `fixtures/scenarios/` holding both
/// snapshots, the last agreed state and the plan a reconcile must produce.
///
/// Layout (rclone bisync's scenario folders are the model):
/// - `scenario.md`: what it checks and which rule of DESIGN.md;
/// - `records.json`, `contacts.json`: the API bodies (`GET /api/v2/records.json`, `POST /contacts/search`);
/// - `base.json` (optional): the last agreed state, written as raw texts (see `ScenarioBase`);
/// - `options.json` (optional): `{"force": bool, "conflictPolicy": "...", "storedMappingHash": "..."}`;
/// - `config.yaml`, `form.json` (optional): override the ones in `_shared/`;
/// - `expected.json`: the plan as `PlanDocument.json()` prints it, or `expected-error.txt`: the
///   exact message of the error planning must fail with.
public struct Scenario: Sendable {
    /// The folder name.
    public var name: String
    /// The folder.
    public var directory: URL
    /// The mapping used (the scenario's own or the shared one).
    public var configURL: URL
    /// The form used (the scenario's own or the shared one).
    public var formURL: URL
    /// The Fulcrum records body.
    public var recordsURL: URL
    /// The GHL contacts body.
    public var contactsURL: URL
    /// The options.
    public var options: ScenarioOptions
    /// The golden plan.
    public var expectedURL: URL { directory.appendingPathComponent("expected.json") }
    /// The GHL location's custom field definitions (`custom-fields.json`), when the scenario has them.
    /// A `types-` scenario without its own uses `_types/custom-fields.json`.
    public var customFieldsURL: URL? {
        let own = directory.appendingPathComponent("custom-fields.json")
        if FileManager.default.fileExists(atPath: own.path) { return own }
        let typed = ScenarioLoader.typed.appendingPathComponent("custom-fields.json")
        return name.hasPrefix("types-") && FileManager.default.fileExists(atPath: typed.path) ? typed : nil
    }
    /// The golden error message, for scenarios whose planning must fail.
    public var expectedErrorURL: URL { directory.appendingPathComponent("expected-error.txt") }
    /// Whether the scenario expects an error rather than a plan.
    public var expectsError: Bool { FileManager.default.fileExists(atPath: expectedErrorURL.path) }

    /// The last agreed state as written in `base.json`, or `nil` on a first sync.
    public func base() throws -> ScenarioBase? {
        let url = directory.appendingPathComponent("base.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(ScenarioBase.self, from: Data(contentsOf: url))
        } catch {
            throw ScenarioError("\(name)/base.json: \(error)")
        }
    }

    /// The bases of `base.json` normalised under `mapping`, and the mapping fingerprint they
    /// were written under: `options.storedMappingHash`, else `base.json`'s `mappingHash`, else
    /// the current mapping's (a state file always records the hash it was written under).
    public func storedBases(mapping: ResolvedMapping) throws -> (bases: [PairBase], mappingHash: String?) {
        guard let base = try base() else { return ([], options.storedMappingHash) }
        let bases = try base.pairs.map { try $0.pairBase(mapping: mapping, scenario: name) }
        return (bases, options.storedMappingHash ?? base.mappingHash ?? mapping.mappingHash)
    }

    /// The golden plan, decoded.
    public func expected() throws -> PlanDocument {
        do {
            return try JSONDecoder().decode(PlanDocument.self, from: Data(contentsOf: expectedURL))
        } catch {
            throw ScenarioError(
                "\(name)/expected.json: \(error); run with FGSYNC_UPDATE_GOLDEN=1 to write it, then check it by hand"
            )
        }
    }

    /// The golden error message.
    public func expectedError() throws -> String {
        try String(contentsOf: expectedErrorURL, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }
}

/// A scenario's `options.json`.
public struct ScenarioOptions: Sendable, Hashable, Codable {
    /// Plan as with `--force`.
    public var force: Bool?
    /// Override every field's policy, as `--conflict-policy` does.
    public var conflictPolicy: ConflictPolicy?
    /// The mapping fingerprint the state file claims; overrides `base.json`'s `mappingHash`.
    public var storedMappingHash: String?

    /// No options.
    public init(force: Bool? = nil, conflictPolicy: ConflictPolicy? = nil, storedMappingHash: String? = nil) {
        self.force = force
        self.conflictPolicy = conflictPolicy
        self.storedMappingHash = storedMappingHash
    }
}

/// A scenario's `base.json`: the last agreed state, authored as raw texts.
///
/// `{"mappingHash": "...", "pairs": [{"fulcrumId": "...", "contactId": "...", "fields":
/// {"email": "Raw@Text"}, "tags": ["..."], "deletedSide": null}]}`. Field texts are read the way
/// the mapping reads a record and normalised by the field's kind, so a base can be written as a
/// person would type it.
public struct ScenarioBase: Sendable, Hashable, Codable {
    /// One pair's agreed state.
    public struct Pair: Sendable, Hashable, Codable {
        /// The Fulcrum record id.
        public var fulcrumId: String
        /// The GHL contactId.
        public var contactId: String
        /// Raw texts by mapping key.
        public var fields: [String: String]?
        /// Agreed tags.
        public var tags: [String]?
        /// The side deleted under `archive`/`ignore` (a tombstone).
        public var deletedSide: Side?

        /// The `PairBase` these texts mean under `mapping`.
        public func pairBase(mapping: ResolvedMapping, scenario: String) throws -> PairBase {
            var values: [String: FieldValue] = [:]
            for (key, raw) in fields ?? [:] {
                guard let field = mapping.fields.first(where: { $0.key == key }) else {
                    let keys = mapping.fields.map(\.key).joined(separator: ", ")
                    throw ScenarioError(
                        "\(scenario)/base.json: pair \(fulcrumId): \"\(key)\" is not a mapped field; use one of \(keys)"
                    )
                }
                switch mapping.normalise(raw, for: field) {
                case .absent: break
                case .value(let value): values[key] = value
                case .invalid(let reason):
                    throw ScenarioError(
                        "\(scenario)/base.json: pair \(fulcrumId), field \(key): \(reason); a base only holds agreed, valid values"
                    )
                }
            }
            return PairBase(
                fulcrumId: fulcrumId, contactId: contactId, fields: values, tags: TagSet(tags ?? []),
                deletedSide: deletedSide)
        }
    }

    /// The mapping fingerprint the base was written under; absent means the current one.
    public var mappingHash: String?
    /// The pairs.
    public var pairs: [Pair]
}

/// A scenario folder that cannot be read.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Finds and reads the scenario folders.
public enum ScenarioLoader {
    /// `fixtures/scenarios`, found from this file's place in the checkout.
    public static var root: URL {
        Fixtures.url("scenarios")
    }

    /// The shared config and form.
    public static var shared: URL { root.appendingPathComponent("_shared") }

    /// The config, form and GHL custom fields of the field-type scenarios (`types-*`): one
    /// field of every Fulcrum type mapped to every GHL type it pairs with.
    public static var typed: URL { root.appendingPathComponent("_types") }

    /// Every scenario folder's name, sorted (folders starting with `_` are not scenarios).
    public static func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix("_") && !name.hasPrefix(".")
                && FileManager.default.fileExists(
                    atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Reads one scenario folder.
    public static func load(_ name: String) throws -> Scenario {
        let directory = root.appendingPathComponent(name)
        func file(_ fileName: String, shared: Bool) throws -> URL {
            let own = directory.appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: own.path) { return own }
            let common = (name.hasPrefix("types-") ? Self.typed : Self.shared).appendingPathComponent(fileName)
            if shared, FileManager.default.fileExists(atPath: common.path) { return common }
            throw ScenarioError("\(name): \(fileName) is missing")
        }
        var options = ScenarioOptions()
        let optionsURL = directory.appendingPathComponent("options.json")
        if FileManager.default.fileExists(atPath: optionsURL.path) {
            do {
                options = try JSONDecoder().decode(ScenarioOptions.self, from: Data(contentsOf: optionsURL))
            } catch {
                throw ScenarioError("\(name)/options.json: \(error)")
            }
        }
        return Scenario(
            name: name, directory: directory,
            configURL: try file("config.yaml", shared: true), formURL: try file("form.json", shared: true),
            recordsURL: try file("records.json", shared: false),
            contactsURL: try file("contacts.json", shared: false),
            options: options)
    }
}
