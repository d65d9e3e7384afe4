import Foundation
import SyncCore
import Testing
@testable import SyncEngine

/// When a side's reports (history versions, webhooks) say a field took the value it holds now.
struct ChangeEvidenceCollectorTests {
    static func value(_ text: String?) -> FieldValue? { text.map { FieldValue(canonical: $0, text: $0) } }
    static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_795_168_800 + seconds) }

    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        var reports: [(String?, Double)]
        var current: String?
        var expected: Double?
        var testDescription: String { what }
    }

    @Test(arguments: [
        Case(what: "set once and kept: the version that set it", reports: [("a", 0), ("x", 10), ("x", 20)], current: "x", expected: 10),
        Case(what: "changed back: the last time it was set", reports: [("x", 0), ("y", 10), ("x", 20), ("x", 30)], current: "x", expected: 20),
        Case(what: "the latest report holds another value: unknown", reports: [("x", 0), ("y", 10)], current: "x", expected: nil),
        Case(what: "cleared: the time it became empty", reports: [("x", 0), (nil, 15)], current: nil, expected: 15),
        Case(what: "no reports: unknown", reports: [], current: "x", expected: nil),
    ])
    func theValueDatesFromTheFirstReportOfItsLastRun(_ c: Case) {
        let reports = c.reports.map { (Self.value($0.0), Optional(Self.at($0.1))) }

        let found = ChangeEvidenceCollector.firstOfLastRun(reports, value: Self.value(c.current))

        #expect(found == c.expected.map(Self.at))
    }
}
