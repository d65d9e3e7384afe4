import Foundation
import Yams

extension SyncSet {
    /// The keys of a `mappings:` entry: a single-sync config's, less where, the console and the state.
    static let mappingKeys = MappingConfig.singleSyncKeys.subtracting(["fulcrum", "ghl", "console", "state"])
    /// The keys of a `syncs:` entry.
    static let entryKeys = MappingConfig.singleSyncKeys.subtracting(["console", "state"]).union(["name", "mapping"])

    /// Loads a config file: a single-sync config or a `syncs:` list.
    public static func load(contentsOf url: URL) throws -> SyncSet {
        try load(yaml: try MappingConfig.text(contentsOf: url), source: url.lastPathComponent)
    }

    /// Loads config text, refusing unknown keys, duplicates and bad values with the file, line
    /// and key path (`config.yaml line 12: syncs[1] (north).fields[3].ghl: ...`).
    public static func load(yaml text: String, source: String = "config") throws -> SyncSet {
        var reader = YAMLReader(source: source)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SyncCoreError(.invalidConfig, "\(source): not valid YAML: \(error)")
        }
        guard let root else { throw SyncCoreError(.invalidConfig, "\(source): the file is empty") }
        guard root.mapping?.keys.contains(where: { $0.string == "syncs" }) == true else {
            let top = try reader.mapping(root, "config", allowed: MappingConfig.singleSyncKeys)
            return SyncSet(entries: [Entry(name: singleName, config: try MappingConfig.load(keys: top, reader: reader))], isSingle: true)
        }
        let top = try reader.mapping(root, "config", allowed: ["syncs", "mappings", "console", "state"])
        let console = try MappingConfig.consoleSettings(reader, top["console"])
        let state = try MappingConfig.stateSettings(reader, top["state"])
        let mappings = try sharedMappings(reader, top["mappings"])
        guard let list = top["syncs"]?.sequence, !list.isEmpty else {
            throw reader.fail(top["syncs"], "syncs", "expected a list of syncs, each with name, fulcrum, ghl and a mapping (or mapping: NAME)")
        }
        var entries: [Entry] = []
        var used: Set<String> = []
        for (index, item) in list.enumerated() {
            reader.prefix = ""
            let keys = try reader.mapping(item, "syncs[\(index)]", allowed: entryKeys)
            let name = try entryName(reader, keys["name"], index: index, taken: entries)
            reader.prefix = "syncs[\(index)] (\(name))."
            var merged = keys.filter { $0.key != "name" && $0.key != "mapping" }
            if let mappingName = try reader.string(keys["mapping"], "mapping") {
                guard let shared = mappings[mappingName] else {
                    let known = mappings.keys.sorted().joined(separator: ", ")
                    throw reader.fail(keys["mapping"], "mapping", "no mapping is named \"\(mappingName)\" under mappings:\(known.isEmpty ? " (there is none)" : "; known: \(known)")")
                }
                used.insert(mappingName)
                merged.merge(shared) { own, _ in own }
            }
            var config = try MappingConfig.load(keys: merged, reader: reader)
            config.console = console
            config.state = state
            entries.append(Entry(name: name, config: config))
        }
        reader.prefix = ""
        if let unused = mappings.keys.sorted().first(where: { !used.contains($0) }) {
            throw reader.fail(top["mappings"], "mappings.\(unused)", "no sync uses this mapping; name it in a sync (mapping: \(unused)) or remove it")
        }
        try checkDistinctEndpoints(reader, entries, Array(list))
        return SyncSet(entries: entries, isSingle: false)
    }

    private static func sharedMappings(_ reader: YAMLReader, _ node: Node?) throws -> [String: [String: Node]] {
        let names = node?.mapping?.keys.compactMap(\.string) ?? []
        let named = try reader.mapping(node, "mappings", allowed: Set(names))
        var result: [String: [String: Node]] = [:]
        for (name, value) in named {
            result[name] = try reader.mapping(value, "mappings.\(name)", allowed: mappingKeys)
        }
        return result
    }

    private static func entryName(_ reader: YAMLReader, _ node: Node?, index: Int, taken: [Entry]) throws -> String {
        let name = try reader.required(node, "syncs[\(index)].name", hint: "a short name for this sync (letters, digits, - and _), e.g. north")
        guard name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw reader.fail(node, "syncs[\(index)].name", "\"\(name)\" may hold only letters, digits, - and _ (at most 64): it names the sync's state file and metric labels")
        }
        if let first = taken.firstIndex(where: { $0.name == name }) {
            throw reader.fail(node, "syncs[\(index)].name", "\"\(name)\" is already the name of syncs[\(first)]; give each sync its own name")
        }
        return name
    }

    /// Events are routed by GHL location and by Fulcrum form, so each belongs to one sync.
    private static func checkDistinctEndpoints(_ reader: YAMLReader, _ entries: [Entry], _ nodes: [Node]) throws {
        for (index, entry) in entries.enumerated() {
            guard let first = entries[..<index].firstIndex(where: {
                $0.config.ghl.id == entry.config.ghl.id || $0.config.fulcrum.id == entry.config.fulcrum.id
            }) else { continue }
            let other = entries[first]
            let (what, id) = other.config.ghl.id == entry.config.ghl.id
                ? ("GHL location", entry.config.ghl.id) : ("Fulcrum form", entry.config.fulcrum.id)
            throw reader.fail(nodes[index], "syncs[\(index)] (\(entry.name))",
                              "syncs \(other.name) and \(entry.name) both sync the \(what) \(id); webhooks are routed by \(what), so give each its own sync (or merge the two entries)")
        }
    }
}
