import Foundation
import Testing
import TestSupport

@testable import SyncCore

/// A full snapshot keeps a mirror row whose raw JSON is unchanged without projecting it again
/// while the mapping's `projectionFingerprint` matches, and that fingerprint covers the
/// projection code only through `ResolvedMapping.projectionCodeVersion`. So any change to what
/// records project to must come with a new version, or rows projected by the old code would be
/// kept: this test records what every scenario's records and contacts project to, per version.
@Suite struct ProjectionCodeVersionTests {
    /// The hash of `described()` of every scenario projection, by `projectionCodeVersion`.
    static let recorded: [Int: String] = [1: "f2c4ce0431243da9"]

    /// One line per projection: every stored property, in a fixed order.
    static func line(_ state: RecordState) -> String {
        let fields = state.fields.keys.sorted().map { "\($0)=\(state.fields[$0]!.canonical)/\(state.fields[$0]!.text)" }
        let issues = state.issues.map { "\($0.field):\($0.value):\($0.reason):\($0.misfit)" }
        return [
            state.id, fields.joined(separator: ","), state.tags.sortedSpellings.joined(separator: ","), state.linkId ?? "-",
            state.updatedAt.map { "\($0.timeIntervalSince1970)" } ?? "-", issues.joined(separator: ","),
        ].joined(separator: "|")
    }

    /// The objects under `key` of a scenario's JSON file (or the file's array itself).
    static func objects(_ url: URL, _ key: String) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return ((parsed as? [String: Any])?[key] ?? parsed) as? [[String: Any]] ?? []
    }

    /// What every scenario with a valid mapping projects its records and contacts to.
    static func described() throws -> String {
        var text = ""
        for name in ScenarioLoader.names() {
            let scenario = try ScenarioLoader.load(name)
            guard let mapping = try? ScenarioRunner.mapping(scenario) else { continue }
            let fulcrum = FulcrumProjection(mapping: mapping)
            let ghl = GHLProjection(mapping: mapping)
            text += "# \(name)\n"
            for record in try objects(scenario.recordsURL, "records") {
                text += ((try? fulcrum.project(record)).map(line) ?? "refused") + "\n"
            }
            for contact in try objects(scenario.contactsURL, "contacts") {
                text += ((try? ghl.project(contact)).map(line) ?? "refused") + "\n"
            }
        }
        return text
    }

    @Test func whatTheScenariosProjectToIsRecordedForThisProjectionCodeVersion() throws {
        let text = try Self.described()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        let found = String(hash, radix: 16)
        #expect(text.count > 1_000, "the scenarios projected next to nothing")
        #expect(
            Self.recorded[ResolvedMapping.projectionCodeVersion] == found,
            """
            What records project to changed (hash \(found)). Mirror rows projected by the old code would be kept \
            by the next snapshot: raise ResolvedMapping.projectionCodeVersion and record \(found) for it here.
            """)
    }
}
