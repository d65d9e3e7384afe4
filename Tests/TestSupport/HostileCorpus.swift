import Foundation

/// The hostile-value corpus in `fixtures/hostile/`: values strangers type into a CRM, junk and
/// shared phones, damaged tokens, wrong JSON types and broken files. Tests of every input path
/// run through it, so a new path can be checked against the same corpus.
public enum HostileCorpus {
    /// `fixtures/hostile`, found from this file's place in the checkout.
    public static var root: URL {
        ScenarioLoader.root.deletingLastPathComponent().appendingPathComponent("hostile")
    }

    /// A file of the corpus.
    public static func url(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// One hostile name and what makes it hostile.
    public struct Name: Sendable, Decodable, CustomStringConvertible {
        public var label: String
        public var value: String
        public var description: String { label }
    }

    /// Names with line breaks, ESC sequences, NUL and other controls (`names.json`).
    public static func names() -> [Name] {
        struct File: Decodable { var names: [Name] }
        return (try? decode(File.self, "names.json").names) ?? []
    }

    /// A phone shared by two different people, as each side spells it.
    public struct SharedPhone: Sendable, Decodable, CustomStringConvertible {
        public var fulcrum: String
        public var ghl: String
        public var description: String { "\(fulcrum) / \(ghl)" }
    }

    /// Phones that are never a valid number (`phones.json`, region US).
    public static func junkPhones() -> [String] {
        struct File: Decodable { var junk: [String] }
        return (try? decode(File.self, "phones.json").junk) ?? []
    }

    /// Valid numbers written differently on each side (`phones.json`).
    public static func sharedPhones() -> [SharedPhone] {
        struct File: Decodable { var shared: [SharedPhone] }
        return (try? decode(File.self, "phones.json").shared) ?? []
    }

    /// How a token gets damaged in a copy-paste: whitespace around it.
    public struct TokenWrapping: Sendable, Decodable, CustomStringConvertible {
        public var label: String
        public var prefix: String
        public var suffix: String
        public var description: String { label }
        /// `token` as it arrives damaged.
        public func wrap(_ token: String) -> String { prefix + token + suffix }
    }

    /// A token that no trimming repairs.
    public struct MalformedToken: Sendable, Decodable, CustomStringConvertible {
        public var label: String
        public var value: String
        public var description: String { label }
    }

    /// Whitespace wrappings of a token (`tokens.json`).
    public static func tokenWrappings() -> [TokenWrapping] {
        struct File: Decodable { var wrappings: [TokenWrapping] }
        return (try? decode(File.self, "tokens.json").wrappings) ?? []
    }

    /// Tokens with a line break, space, NUL or non-ASCII inside (`tokens.json`); each holds `SECRET`.
    public static func malformedTokens() -> [MalformedToken] {
        struct File: Decodable { var malformed: [MalformedToken] }
        return (try? decode(File.self, "tokens.json").malformed) ?? []
    }

    /// A JSON value found where text is expected, and what fgsync must make of it.
    public struct WrongType: Sendable, CustomStringConvertible {
        /// The value as JSON text.
        public var json: String
        /// `held`, `absent` or `text`.
        public var expect: String
        /// For `held`: how the message describes what was found.
        public var found: String?
        /// For `text`: the text read.
        public var text: String?
        public var description: String { json }
    }

    /// Values of every JSON type (`wrong-types.json`).
    public static func wrongTypes() -> [WrongType] {
        guard let data = try? Data(contentsOf: url("wrong-types.json")),
            let object = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) as? [String: Any],
            let values = object["values"] as? [[String: Any]]
        else { return [] }
        return values.map { entry in
            let value = entry["value"] ?? NSNull()
            let json = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]))
                .map { String(decoding: $0, as: UTF8.self) } ?? "null"
            return WrongType(json: json, expect: entry["expect"] as? String ?? "", found: entry["found"] as? String, text: entry["text"] as? String)
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(name)))
    }
}
