import Foundation
import SyncCore
import Testing

/// Issue 15 item 4: `state: { url_env: NAME }` puts every sync's state in PostgreSQL; the URL,
/// which holds a password, is never written in the config.
struct StateSettingsTests {
    static let single = """
        fulcrum: { form_id: f1 }
        ghl: { location_id: l1 }
        link: { ghl_custom_field: cf1, fulcrum_field: ghl_contact_id }
        fields: [ { fulcrum: email, ghl: email } ]
        """

    static func syncs(state: String, entryExtra: String = "") -> String {
        """
        \(state)
        mappings:
          m:
            link: { ghl_custom_field: cf1, fulcrum_field: ghl_contact_id }
            fields: [ { fulcrum: email, ghl: email } ]
        syncs:
          - { name: north, fulcrum: { form_id: f1 }, ghl: { location_id: l1 }, mapping: m\(entryExtra) }
          - { name: south, fulcrum: { form_id: f2 }, ghl: { location_id: l2 }, mapping: m }
        """
    }

    @Test func aConfigWithoutStateKeepsSQLiteFiles() throws {
        let set = try SyncSet.load(yaml: Self.single, source: "c.yaml")
        #expect(set.entries[0].config.state.urlEnv == nil)
        let location = set.stateLocation(for: set.entries[0], configPath: "/cfg/c.yaml", stateOption: nil)
        #expect(location == .file("/cfg/fgsync.sqlite"))
    }

    @Test func aSingleSyncConfigsStateUrlEnvPutsItsStateInTheDefaultSchema() throws {
        let set = try SyncSet.load(yaml: Self.single + "\nstate: { url_env: FGSYNC_STATE_URL }", source: "c.yaml")
        let location = set.stateLocation(for: set.entries[0], configPath: "/cfg/c.yaml", stateOption: nil)
        #expect(location == .postgres(urlEnv: "FGSYNC_STATE_URL", schema: "fgsync_default"))
    }

    @Test func aTopLevelStateServesEverySyncEachInItsOwnSchema() throws {
        let set = try SyncSet.load(yaml: Self.syncs(state: "state: { url_env: DB_URL }"), source: "c.yaml")
        let locations = set.entries.map { set.stateLocation(for: $0, configPath: "/cfg/c.yaml", stateOption: nil) }
        #expect(locations == [.postgres(urlEnv: "DB_URL", schema: "fgsync_north"), .postgres(urlEnv: "DB_URL", schema: "fgsync_south")])
    }

    @Test(arguments: [
        ("state: { url: \"postgres://u:secret@db/fgsync\" }", "state.url", "never written in the config"),
        ("state: { url_env: \"postgres://db\" }", "state.url_env", "is not an environment variable name"),
        ("state: { url_env: 9LIVES }", "state.url_env", "is not an environment variable name"),
        ("state: {}", "state.url_env", "is required when state: is given"),
        ("state: { url_env: DB_URL, pool: 4 }", "state.pool", "unknown key"),
    ])
    func aWrongStateSectionIsRefusedNamingTheKey(_ section: String, _ path: String, _ message: String) {
        let error = #expect(throws: SyncCoreError.self) { try SyncSet.load(yaml: Self.single + "\n" + section, source: "c.yaml") }
        #expect(error?.message.contains(path) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("secret") == false, "the message repeats the password: \(error?.message ?? "")")
    }

    @Test func aSyncsEntryMayNotSayWhereItsStateIsForAllSyncsShareOneDatabase() {
        let yaml = Self.syncs(state: "", entryExtra: ", state: { url_env: DB_URL }")
        let error = #expect(throws: SyncCoreError.self) { try SyncSet.load(yaml: yaml, source: "c.yaml") }
        #expect(error?.message.contains("syncs[0].state: unknown key") == true, "\(error?.message ?? "")")
    }

    @Test func stateOptionAndStateUrlEnvTogetherAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("c.yaml")
        try (Self.single + "\nstate: { url_env: DB_URL }").write(to: config, atomically: true, encoding: .utf8)

        let error = #expect(throws: SyncCoreError.self) {
            try SyncTarget.select(configPath: config.path, stateOption: "/data/s.sqlite", sync: nil)
        }
        #expect(error?.message.contains("--state /data/s.sqlite would not be used") == true, "\(error?.message ?? "")")
        let target = try SyncTarget.one(configPath: config.path, stateOption: nil, sync: nil)
        #expect(target.state == .postgres(urlEnv: "DB_URL", schema: "fgsync_default"))
        #expect(target.state.description == "schema fgsync_default of the database in $DB_URL")
    }
}
