import Foundation
import Yams

extension MappingConfig {
    /// Loads a configuration from YAML text, refusing unknown keys, duplicates and bad values.
    ///
    /// `source` names the file in messages (`config.yaml line 12: fields[3].ghl: ...`).
    public static func load(yaml text: String, source: String = "config") throws -> MappingConfig {
        try SyncSet.load(yaml: text, source: source).only()
    }

    /// The keys of a single-sync config.
    static let singleSyncKeys: Set<String> = [
        "fulcrum", "ghl", "link", "tags", "fields", "defaults", "deletes", "sync", "children", "console",
        "state",
    ]

    /// Builds one sync's configuration from its top-level keys (already checked against
    /// `singleSyncKeys` or a `syncs:` entry's keys).
    static func load(keys top: [String: Node], reader: YAMLReader) throws -> MappingConfig {
        let fulcrum = try endpoint(reader, top["fulcrum"], "fulcrum", idKey: "form_id", tokenEnv: "FULCRUM_TOKEN")
        let ghl = try endpoint(reader, top["ghl"], "ghl", idKey: "location_id", tokenEnv: "GHL_TOKEN")
        let link = try reader.mapping(top["link"], "link", allowed: ["ghl_custom_field", "fulcrum_field"])
        let ghlLink = try reader.required(
            link["ghl_custom_field"], "link.ghl_custom_field",
            hint: "the id (or key) of the GHL custom field that holds the Fulcrum record id")
        let fulcrumLink = try reader.required(
            link["fulcrum_field"], "link.fulcrum_field",
            hint: "the data_name of the Fulcrum text field that holds the GHL contactId")
        let tags = try reader.mapping(top["tags"], "tags", allowed: ["fulcrum_field"])
        let defaults = try reader.mapping(top["defaults"], "defaults", allowed: ["phone_region", "conflict_policy"])
        let deletes = try reader.mapping(top["deletes"], "deletes", allowed: ["mode", "max_delete", "max_delete_floor", "archive_tag"])
        let sync = try reader.mapping(
            top["sync"], "sync", allowed: ["create_in_ghl", "create_in_fulcrum", "poll_interval", "full_reconcile_at"])

        let region = try reader.string(defaults["phone_region"], "defaults.phone_region") ?? "US"
        guard PhoneNormaliser.callingCode(forRegion: region) != nil else {
            throw reader.fail(defaults["phone_region"], "defaults.phone_region",
                              "\"\(region)\" is not a region fgsync knows; use a two-letter code such as US, GB, AU")
        }
        let fields = try fieldMappings(reader, top["fields"])
        try checkDistinct(reader, fields, link: (fulcrumLink, ghlLink), tags: try reader.string(tags["fulcrum_field"], "tags.fulcrum_field"))
        let createInGHL = try reader.bool(sync["create_in_ghl"], "sync.create_in_ghl", default: true)
        let createInFulcrum = try reader.bool(sync["create_in_fulcrum"], "sync.create_in_fulcrum", default: true)
        try checkIdentity(reader, top["fields"], fields, creates: createInGHL || createInFulcrum)

        var config = MappingConfig(
            fulcrum: fulcrum, ghl: ghl, ghlLinkField: ghlLink, fulcrumLinkField: fulcrumLink,
            fulcrumTagsField: try reader.string(tags["fulcrum_field"], "tags.fulcrum_field"),
            fields: fields, phoneRegion: region.uppercased(),
            conflictPolicy: try reader.choice(defaults["conflict_policy"], "defaults.conflict_policy", default: .newest),
            deleteMode: try reader.choice(deletes["mode"], "deletes.mode", default: .propagate),
            maxDelete: try deleteLimit(reader, deletes["max_delete"]),
            archiveTag: try reader.string(deletes["archive_tag"], "deletes.archive_tag") ?? "fgsync-archived",
            createInGHL: createInGHL, createInFulcrum: createInFulcrum
        )
        config.maxDeleteFloor = try deleteFloor(reader, deletes["max_delete_floor"])
        config.serve = try serveSettings(reader, ghl: top["ghl"], fulcrum: top["fulcrum"], sync: sync)
        config.console = try consoleSettings(reader, top["console"])
        config.state = try stateSettings(reader, top["state"])
        config.children = try childrenConfig(reader, top["children"])
        return config
    }

    /// Loads a configuration file of one sync (a single-sync config, or a `syncs:` list of one).
    ///
    /// A folder, a missing file, a UTF-16 file and a binary file are refused with a message
    /// that names `--config` and says what the file is instead; a list of several syncs is
    /// refused with the names to choose from (`load(contentsOf:sync:)` picks one).
    public static func load(contentsOf url: URL) throws -> MappingConfig {
        try SyncSet.load(contentsOf: url).only()
    }

    /// Loads one sync of a configuration file: `sync` names an entry of its `syncs:` list;
    /// `nil` takes a single-sync config (or a list of one).
    public static func load(contentsOf url: URL, sync: String?) throws -> MappingConfig {
        try SyncSet.load(contentsOf: url).entry(sync).config
    }

    /// The text of a configuration file, refusing a folder, a missing, UTF-16 or binary file.
    static func text(contentsOf url: URL) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SyncCoreError(.invalidConfig, "\(url.path): no such file; check the --config path")
        }
        if isDirectory.boolValue {
            throw SyncCoreError(.invalidConfig, "\(url.path) is a folder, not a config file; give --config the YAML file itself (e.g. \(url.path)/config.yaml)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SyncCoreError(.invalidConfig, "\(url.path): cannot be read (\(error.localizedDescription)); check the --config path and its permissions")
        }
        return try configText(data, path: url.path)
    }

    /// The config file's bytes as UTF-8 text (a UTF-8 byte-order mark is dropped).
    static func configText(_ data: Data, path: String) throws -> String {
        let bytes = [UInt8](data.prefix(4096))
        let utf16BOM = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        let evenNULs = stride(from: 0, to: bytes.count, by: 2).filter { bytes[$0] == 0 }.count
        let oddNULs = stride(from: 1, to: bytes.count, by: 2).filter { bytes[$0] == 0 }.count
        if utf16BOM || (bytes.count >= 8 && max(evenNULs, oddNULs) * 4 >= bytes.count && min(evenNULs, oddNULs) == 0) {
            throw SyncCoreError(.invalidConfig, "\(path) is UTF-16 text; --config needs UTF-8. Save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 \(path) > config.yaml)")
        }
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        guard !body.contains(0), let text = String(data: body, encoding: .utf8) else {
            let offset = body.firstIndex(of: 0).map { $0 - body.startIndex }
            throw SyncCoreError(.invalidConfig, "\(path) is not a text file\(offset.map { " (a NUL byte at offset \($0))" } ?? " (not valid UTF-8)"); --config takes the fgsync YAML mapping")
        }
        return text
    }

    private static func endpoint(
        _ reader: YAMLReader, _ node: Node?, _ path: String, idKey: String, tokenEnv: String
    ) throws -> Endpoint {
        var allowed: Set<String> = ["url", idKey, "token_env", "web_url", webhookKey(path)]
        if path == "ghl" { allowed.formUnion(["agency_token_env", "company_id"]) }
        let map = try reader.mapping(node, path, allowed: allowed)
        let what = path == "ghl" ? "GHL location" : "Fulcrum form"
        let id = try reader.required(map[idKey], "\(path).\(idKey)", hint: "the \(what) id to sync")
        if let bad = id.first(where: { $0.isWhitespace || "/?#%\\".contains($0) || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) {
            throw reader.fail(map[idKey], "\(path).\(idKey)",
                              "\"\(id)\" cannot be a \(what) id (it contains \(bad == " " ? "a space" : "\"\(bad.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())\"")); copy the id from the \(what)'s URL or settings")
        }
        let url = try reader.string(map["url"], "\(path).url")
        if let url {
            let parsed = URL(string: url)
            guard let parsed, ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false,
                !url.contains(where: { $0.isWhitespace })
            else {
                throw reader.fail(map["url"], "\(path).url",
                                  "\"\(url)\" is not an http(s) URL with a host; use e.g. \(path == "ghl" ? "https://services.leadconnectorhq.com" : "https://api.fulcrumapp.com"), or remove the key for the default")
            }
        }
        var endpoint = Endpoint(
            url: url,
            id: id,
            tokenEnv: try reader.string(map["token_env"], "\(path).token_env") ?? tokenEnv,
            webURL: try reader.string(map["web_url"], "\(path).web_url")
        )
        endpoint.agencyTokenEnv = try reader.string(map["agency_token_env"], "\(path).agency_token_env")
        endpoint.companyId = try reader.string(map["company_id"], "\(path).company_id")
        if endpoint.agencyTokenEnv != nil && endpoint.companyId == nil {
            throw reader.fail(map["agency_token_env"], "\(path).company_id",
                              "is required with agency_token_env: the agency (company) id that location \(id) belongs to")
        }
        return endpoint
    }

    private static func fieldMappings(_ reader: YAMLReader, _ node: Node?) throws -> [FieldMapping] {
        guard let node else { throw reader.fail(nil, "fields", "is required: a list of {fulcrum: data_name, ghl: field}") }
        guard let items = node.sequence else { throw reader.fail(node, "fields", "expected a list of field mappings") }
        return try items.enumerated().map { index, item in
            let path = "fields[\(index)]"
            let map = try reader.mapping(
                item, path, allowed: ["fulcrum", "ghl", "ghl_custom_field", "direction", "conflict", "type"])
            let fulcrum = try reader.required(map["fulcrum"], "\(path).fulcrum", hint: "the Fulcrum data_name")
            let standard = try reader.string(map["ghl"], "\(path).ghl")
            let custom = try reader.string(map["ghl_custom_field"], "\(path).ghl_custom_field")
            let ghl: GHLFieldRef
            switch (standard, custom) {
            case (let name?, nil):
                guard GHLFieldRef.standardFields.contains(name) else {
                    let known = GHLFieldRef.standardFields.sorted().joined(separator: ", ")
                    throw reader.fail(map["ghl"], "\(path).ghl",
                                      "\"\(name)\" is not a GHL contact field; use one of \(known), or ghl_custom_field: <id or key>")
                }
                ghl = .standard(name)
            case (nil, let id?): ghl = .custom(id)
            case (nil, nil): throw reader.fail(item, path, "give ghl: <contact field> or ghl_custom_field: <id or key>")
            case (_?, _?): throw reader.fail(item, path, "give either ghl or ghl_custom_field, not both")
            }
            let policy: ConflictPolicy? =
                map["conflict"] == nil ? nil : try reader.choice(map["conflict"], "\(path).conflict", default: .newest)
            let kind: FieldKind? = map["type"] == nil ? nil : try reader.choice(map["type"], "\(path).type", default: .text)
            return FieldMapping(
                fulcrum: fulcrum, ghl: ghl,
                direction: try reader.choice(map["direction"], "\(path).direction", default: .both),
                policy: policy, kind: kind)
        }
    }

    private static func checkDistinct(
        _ reader: YAMLReader, _ fields: [FieldMapping], link: (fulcrum: String, ghl: String), tags: String?
    ) throws {
        var fulcrumSeen: [String: Int] = [:]
        var ghlSeen: [GHLFieldRef: Int] = [:]
        for (index, field) in fields.enumerated() {
            if let first = fulcrumSeen[field.fulcrum] {
                throw reader.fail(nil, "fields[\(index)].fulcrum",
                                  "\"\(field.fulcrum)\" is already mapped by fields[\(first)]; map each Fulcrum field once")
            }
            if let first = ghlSeen[field.ghl] {
                throw reader.fail(nil, "fields[\(index)].ghl",
                                  "\"\(field.ghl.displayName)\" is already mapped by fields[\(first)]; map each GHL field once")
            }
            if field.fulcrum == link.fulcrum || field.fulcrum == tags {
                throw reader.fail(nil, "fields[\(index)].fulcrum",
                                  "\"\(field.fulcrum)\" is the link or tags field; those are synced by fgsync itself, remove this entry")
            }
            if field.ghl == .custom(link.ghl) {
                throw reader.fail(nil, "fields[\(index)].ghl_custom_field",
                                  "\"\(link.ghl)\" is the link field (link.ghl_custom_field); remove this entry")
            }
            fulcrumSeen[field.fulcrum] = index
            ghlSeen[field.ghl] = index
        }
    }

    /// Some identity must be mapped, or every person is created again on the other side: an
    /// email or a phone (mapped to GHL `email` / `phone`), or, with both creates turned off,
    /// only the stored link ids (records are then paired by hand and never created).
    private static func checkIdentity(_ reader: YAMLReader, _ node: Node?, _ fields: [FieldMapping], creates: Bool) throws {
        let identities: Set<GHLFieldRef> = [.standard("email"), .standard("phone")]
        guard creates, !fields.contains(where: { identities.contains($0.ghl) }) else { return }
        throw reader.fail(node, "fields",
                          "maps no identity: neither GHL email nor phone is mapped (\(fields.isEmpty ? "the list is empty" : "mapped: \(fields.map(\.ghl.displayName).joined(separator: ", "))")), "
                              + "so fgsync could not match anyone and would create every person again on the other side. "
                              + "Map the email or phone field (e.g. - { fulcrum: email, ghl: email }), or, to pair records only by their link ids, set sync: { create_in_ghl: false, create_in_fulcrum: false }")
    }

    private static func deleteFloor(_ reader: YAMLReader, _ node: Node?) throws -> Int {
        guard let text = try reader.string(node, "deletes.max_delete_floor") else { return 5 }
        if let count = Int(text), count >= 0 { return count }
        throw reader.fail(node, "deletes.max_delete_floor",
                          "\"\(text)\" is not a whole number of records; deletes up to this many never trip a percentage max_delete (default 5)")
    }

    private static func deleteLimit(_ reader: YAMLReader, _ node: Node?) throws -> DeleteLimit {
        guard let text = try reader.string(node, "deletes.max_delete") else { return .fraction(0.2) }
        if text.hasSuffix("%"), let percent = Double(text.dropLast()), (0...100).contains(percent) {
            return .fraction(percent / 100)
        }
        if let count = Int(text), count >= 0 { return .count(count) }
        throw reader.fail(node, "deletes.max_delete",
                          "\"\(text)\" is neither a percentage (e.g. 20%) nor a whole number of records")
    }
}
