import Foundation
import Yams

/// Walks a composed YAML tree with messages that name the file, line and key at fault.
///
/// Hand-walking (rather than `Decodable`) lets the loader refuse unknown keys, so a typo such
/// as `conflct:` is an error instead of a silently ignored setting.
struct YAMLReader {
    let source: String
    /// Put before every key path in messages, e.g. `syncs[1] (north).` for one entry of a
    /// `syncs:` list.
    var prefix = ""

    func fail(_ node: Node?, _ path: String, _ message: String) -> SyncCoreError {
        let line = node?.mark.map { " line \($0.line)" } ?? ""
        return SyncCoreError(.invalidConfig, "\(source)\(line): \(prefix)\(path): \(message)")
    }

    func mapping(_ node: Node?, _ path: String, allowed: Set<String>) throws -> [String: Node] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else { throw fail(node, path, "expected a mapping of keys to values") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw fail(key, path, "keys must be plain words") }
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw fail(key, "\(path).\(name)", "unknown key; the keys allowed here are: \(known)")
            }
            guard result[name] == nil else { throw fail(key, "\(path).\(name)", "given twice; keep one") }
            result[name] = value
        }
        return result
    }

    func string(_ node: Node?, _ path: String) throws -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else { throw fail(node, path, "expected a single value") }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    func required(_ node: Node?, _ path: String, hint: String) throws -> String {
        guard let value = try string(node, path) else { throw fail(node, path, "is required: \(hint)") }
        return value
    }

    /// An environment variable's name (letters, digits and _, not starting with a digit), or
    /// `nil` when the key is absent; `what` names what the variable holds (never written in the
    /// file), for the message when a value was written in its place.
    func environmentName(_ node: Node?, _ path: String, holding what: String) throws -> String? {
        guard let name = try string(node, path) else { return nil }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), name.first?.isNumber == false else {
            throw fail(node, path, "\"\(name)\" is not an environment variable name (letters, digits, _); give the variable's name, not the \(what)")
        }
        return name
    }

    func bool(_ node: Node?, _ path: String, default value: Bool) throws -> Bool {
        guard let text = try string(node, path) else { return value }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail(node, path, "expected true or false, found \"\(text)\"")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node?, _ path: String, default value: T
    ) throws -> T where T.RawValue == String {
        guard let text = try string(node, path) else { return value }
        guard let parsed = T(rawValue: text) else {
            let known = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(node, path, "\"\(text)\" is not one of: \(known)")
        }
        return parsed
    }
}
