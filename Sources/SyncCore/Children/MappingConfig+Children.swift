import Foundation
import Yams

/// Loading the `children:` section (notes, tasks, appointments).
extension MappingConfig {
    /// Parses `children:`; an absent section syncs no children. Refuses, naming the key and the
    /// fix: an unknown kind or field, a missing repeatable or link field, appointments in a
    /// direction other than GHL -> Fulcrum, an unknown time zone, a bad sweep share.
    static func childrenConfig(_ reader: YAMLReader, _ node: Node?) throws -> ChildrenConfig {
        guard let node else { return ChildrenConfig() }
        let kinds = ChildKind.allCases.map(\.configKey)
        let map = try reader.mapping(node, "children", allowed: Set(kinds + ["time_zone", "sweep"]))
        var config = ChildrenConfig()
        if let zone = try reader.string(map["time_zone"], "children.time_zone") {
            guard TimeZone(identifier: zone) != nil else {
                throw reader.fail(map["time_zone"], "children.time_zone",
                                  "\"\(zone)\" is not a time zone name; use the GHL location's zone as an IANA name, e.g. America/New_York or Europe/London")
            }
            config.timeZone = zone
        }
        if let share = try reader.string(map["sweep"], "children.sweep") {
            guard share.hasSuffix("%"), let percent = Double(share.dropLast()), (0...100).contains(percent) else {
                throw reader.fail(map["sweep"], "children.sweep",
                                  "\"\(share)\" is not a percentage; give the share of unchanged pairs whose children each reconcile lists, e.g. 10%")
            }
            config.sweepShare = percent / 100
        }
        for kind in ChildKind.allCases {
            guard let entry = map[kind.configKey] else { continue }
            config.mappings.append(try childMapping(reader, entry, kind: kind))
        }
        return config
    }

    private static func childMapping(_ reader: YAMLReader, _ node: Node, kind: ChildKind) throws -> ChildMapping {
        let path = "children.\(kind.configKey)"
        let map = try reader.mapping(node, path, allowed: ["repeatable", "link_field", "fields", "direction"])
        let repeatable = try reader.required(
            map["repeatable"], "\(path).repeatable", hint: "the data_name of the Fulcrum Repeatable that holds the \(kind.word)s")
        let link = try reader.required(
            map["link_field"], "\(path).link_field",
            hint: "the data_name of a hidden TextField inside \(repeatable) that holds the GHL \(kind.word) id, e.g. ghl_\(kind.word)_id")
        let names = kind.ghlFields.map(\.name)
        guard let fieldsNode = map["fields"] else {
            throw reader.fail(node, "\(path).fields",
                              "is required: GHL field -> data_name inside \(repeatable), e.g. { \(names[0]): \(names[0]) }; the fields are: \(names.joined(separator: ", "))")
        }
        let fieldMap = try reader.mapping(fieldsNode, "\(path).fields", allowed: Set(names))
        var fields: [ChildMapping.Field] = []
        for name in names {
            guard let dataName = try reader.string(fieldMap[name], "\(path).fields.\(name)") else { continue }
            guard dataName != link else {
                throw reader.fail(fieldMap[name], "\(path).fields.\(name)",
                                  "\"\(dataName)\" is the link field (\(path).link_field), which fgsync fills itself; map \(name) to another field")
            }
            if let first = fields.first(where: { $0.fulcrum == dataName }) {
                throw reader.fail(fieldMap[name], "\(path).fields.\(name)",
                                  "\"\(dataName)\" is already mapped by \(path).fields.\(first.ghl); map each field once")
            }
            fields.append(.init(ghl: name, fulcrum: dataName))
        }
        guard !fields.isEmpty else {
            throw reader.fail(fieldsNode, "\(path).fields", "maps no field; map at least one of: \(names.joined(separator: ", "))")
        }
        let direction = try reader.choice(map["direction"], "\(path).direction", default: kind.defaultDirection)
        if kind == .appointment, direction != .toFulcrum {
            throw reader.fail(map["direction"], "\(path).direction",
                              "appointments flow GHL -> Fulcrum only (fgsync never writes them to GHL); use direction: to_fulcrum or remove the key")
        }
        return ChildMapping(kind: kind, repeatable: repeatable, linkField: link, fields: fields, direction: direction)
    }
}
