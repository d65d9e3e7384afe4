import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 15 item 1: one config holds many syncs, each a (Fulcrum form, GHL location) pair that
/// may take its mapping from a shared one by name; a single-sync config is one sync as before.
struct SyncSetTests {
    static let fixture = Fixtures.url("syncs/config.yaml")

    static func load(_ yaml: String) throws -> SyncSet {
        try SyncSet.load(yaml: yaml, source: "c.yaml")
    }

    /// A two-entry list around `entries`, with a shared mapping `m`.
    static func twoSyncs(_ second: String, mappingExtra: String = "") -> String {
        """
        mappings:
          m:
            link: { ghl_custom_field: cf1, fulcrum_field: ghl_contact_id }
            fields: [ { fulcrum: email, ghl: email } ]
        \(mappingExtra)
        syncs:
          - { name: a, fulcrum: { form_id: f1 }, ghl: { location_id: l1 }, mapping: m }
          - \(second)
        """
    }

    @Test func aSyncsListLoadsOneSyncPerEntryInTheConfigsOrder() throws {
        let set = try SyncSet.load(contentsOf: Self.fixture)
        #expect(set.entries.map(\.name) == ["north", "south", "field-crew"])
        #expect(set.entries.map(\.config.fulcrum.id) == ["form-north", "form-south", "form-crew"])
        #expect(set.entries.map(\.config.ghl.id) == ["loc-north", "loc-south", "loc-crew"])
        #expect(set.entries.map(\.config.ghl.tokenEnv) == ["GHL_TOKEN", "GHL_TOKEN_SOUTH", "GHL_TOKEN"])
        #expect(!set.isSingle)
    }

    @Test func anEntryNamingASharedMappingTakesItsFieldsLinkAndTags() throws {
        let set = try SyncSet.load(contentsOf: Self.fixture)
        let north = try set.entry("north").config
        #expect(north.fields.map(\.fulcrum) == ["first_name", "last_name", "email", "phone"])
        #expect(north.ghlLinkField == "fulcrum_record_id")
        #expect(north.fulcrumTagsField == "tags")
        #expect(try set.entry("south").config.fields == north.fields)
    }

    @Test func aKeyWrittenInTheEntryReplacesTheSharedMappingsKeyWhole() throws {
        let set = try SyncSet.load(contentsOf: Self.fixture)
        let north = try set.entry("north").config
        let south = try set.entry("south").config
        #expect(north.deleteMode == .archive)
        #expect(north.maxDelete == .fraction(0.2))
        #expect(south.deleteMode == .propagate)
        #expect(south.maxDelete == .count(10))
    }

    @Test func anEntryWithItsOwnKeysNeedsNoSharedMapping() throws {
        let crew = try SyncSet.load(contentsOf: Self.fixture).entry("field-crew").config
        #expect(crew.fields.map(\.fulcrum) == ["email_address"])
        #expect(crew.ghlLinkField == "crew_record_id")
        #expect(crew.fulcrumTagsField == nil)
        #expect(crew.fulcrum.tokenEnv == "FULCRUM_TOKEN")
    }

    @Test func theTopLevelConsoleServesEverySync() throws {
        let set = try SyncSet.load(contentsOf: Self.fixture)
        #expect(set.entries.allSatisfy { $0.config.console.tokenEnv == "FGSYNC_CONSOLE_TOKEN" })
    }

    @Test func aSingleSyncConfigIsOneSyncNamedDefault() throws {
        let set = try SyncSet.load(contentsOf: Fixtures.url("demo/config.yaml"))
        #expect(set.isSingle)
        #expect(set.entries.map(\.name) == [SyncSet.singleName])
        #expect(try set.entry(nil).config == MappingConfig.load(contentsOf: Fixtures.url("demo/config.yaml")))
    }

    @Test func namingNoSyncInAConfigOfSeveralIsRefusedListingTheNames() throws {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(contentsOf: Self.fixture) }
        #expect(error?.message.contains("3 syncs (north, south, field-crew)") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("--sync NAME") == true)
    }

    @Test func anUnknownSyncNameIsRefusedListingTheNames() throws {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(contentsOf: Self.fixture, sync: "east") }
        #expect(error?.message == "no sync is named \"east\"; this config has north, south, field-crew")
    }

    @Test func selectingNoNameSelectsEverySyncAndANameSelectsOne() throws {
        let set = try SyncSet.load(contentsOf: Self.fixture)
        #expect(try set.select(nil).map(\.name) == ["north", "south", "field-crew"])
        #expect(try set.select("south").map(\.name) == ["south"])
    }

    @Test(arguments: [
        ("- { name: a, fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m }", "", "syncs[1].name", "already the name of syncs[0]"),
        ("- { name: \"b c\", fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m }", "", "syncs[1].name", "only letters, digits"),
        ("- { fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m }", "", "syncs[1].name", "is required"),
        ("- { name: b, fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: n }", "", "syncs[1] (b).mapping", "no mapping is named \"n\" under mappings:; known: m"),
        ("- { name: b, fulcrum: { form_id: f2 }, ghl: { location_id: l1 }, mapping: m }", "", "syncs[1] (b)", "both sync the GHL location l1"),
        ("- { name: b, fulcrum: { form_id: f1 }, ghl: { location_id: l2 }, mapping: m }", "", "syncs[1] (b)", "both sync the Fulcrum form f1"),
        ("- { name: b, fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m, console: {} }", "", "syncs[1].console", "unknown key"),
        ("- { name: b, fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m, fields: [ { fulcrum: x, ghl: nickname } ] }", "", "syncs[1] (b).fields[0].ghl", "not a GHL contact field"),
        ("- { name: b, ghl: { location_id: l2 }, mapping: m }", "", "syncs[1] (b).fulcrum.form_id", "is required"),
        ("- { name: b, fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m }", "  spare: { fields: [] }", "mappings.spare", "no sync uses this mapping"),
    ])
    func aWrongSyncsEntryIsRefusedNamingTheEntryAndKey(_ second: String, _ extra: String, _ path: String, _ message: String) {
        let yaml = Self.twoSyncs(String(second.dropFirst(2)), mappingExtra: extra)
        let error = #expect(throws: SyncCoreError.self) { try Self.load(yaml) }
        #expect(error?.code == .invalidConfig)
        #expect(error?.message.contains(": \(path)") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func aSharedMappingMayNotSayWhereTheSystemsAre() {
        let yaml = """
            mappings:
              m: { fulcrum: { form_id: f1 }, fields: [] }
            syncs:
              - { name: a, fulcrum: { form_id: f1 }, ghl: { location_id: l1 }, mapping: m }
            """
        let error = #expect(throws: SyncCoreError.self) { try Self.load(yaml) }
        #expect(error?.message.contains("mappings.m.fulcrum: unknown key") == true, "\(error?.message ?? "")")
    }

    @Test func anEmptySyncsListIsRefused() {
        let error = #expect(throws: SyncCoreError.self) { try Self.load("syncs: []") }
        #expect(error?.message.contains("syncs: expected a list of syncs") == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        (true, nil, "/cfg/fgsync.sqlite"),
        (true, "/data/state.sqlite", "/data/state.sqlite"),
        (false, nil, "/cfg/fgsync-north.sqlite"),
        (false, "/data", "/data/fgsync-north.sqlite"),
    ] as [(Bool, String?, String)])
    func eachSyncHasItsOwnStateFile(_ single: Bool, _ option: String?, _ expected: String) throws {
        let config = try SyncSet.load(contentsOf: Self.fixture).entries[0].config
        let set = SyncSet(entries: [.init(name: single ? SyncSet.singleName : "north", config: config)], isSingle: single)
        let name = set.entries[0].name
        #expect(set.statePath(for: name, configPath: "/cfg/config.yaml", stateOption: option) == expected)
    }
}
