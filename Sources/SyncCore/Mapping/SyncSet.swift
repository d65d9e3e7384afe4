import Foundation
import Yams

/// Every sync one config file describes: a single-sync config is one sync named `default`; a
/// `syncs:` list is one sync per entry, each a (Fulcrum form, GHL location) pair with its own
/// mapping, state file, base, cursors, runs and reports.
///
/// An entry takes every key of a single-sync config plus `name`, and may take its mapping from
/// `mappings:` by name (`mapping: contacts`), a key written in the entry replacing that key
/// whole. `console:` stays at the top: one console serves every sync.
public struct SyncSet: Sendable, Hashable {
    /// One sync: its name and its configuration.
    public struct Entry: Sendable, Hashable {
        /// The sync's name (`default` for a single-sync config); used in state file names,
        /// `--sync`, status tables and metric labels.
        public var name: String
        /// The sync's configuration, as a single-sync config would load.
        public var config: MappingConfig

        /// Creates an entry.
        public init(name: String, config: MappingConfig) {
            self.name = name
            self.config = config
        }
    }

    /// The name a single-sync config's one sync goes by.
    public static let singleName = "default"

    /// The syncs, in the config's order.
    public var entries: [Entry]
    /// Whether the file is a single-sync config (no `syncs:` list): its state file keeps
    /// today's name, `fgsync.sqlite`.
    public var isSingle: Bool

    /// Creates a set in code (tests, the demo).
    public init(entries: [Entry], isSingle: Bool) {
        self.entries = entries
        self.isSingle = isSingle
    }

    /// The entry named `name`; `nil` takes the only one, and is refused for several.
    public func entry(_ name: String?) throws -> Entry {
        if let name {
            guard let entry = entries.first(where: { $0.name == name }) else {
                throw SyncCoreError(.invalidConfig, "no sync is named \"\(name)\"; this config has \(namesList)")
            }
            return entry
        }
        guard entries.count == 1, let only = entries.first else {
            throw SyncCoreError(.invalidConfig, "this config has \(entries.count) syncs (\(namesList)); name one with --sync NAME")
        }
        return only
    }

    /// The entries `--sync` selects: the one named, or all of them for `nil`.
    public func select(_ name: String?) throws -> [Entry] {
        guard let name else { return entries }
        return [try entry(name)]
    }

    /// The one sync of a single-sync config (or a list of one).
    func only() throws -> MappingConfig {
        try entry(nil).config
    }

    private var namesList: String {
        entries.map(\.name).joined(separator: ", ")
    }
}
