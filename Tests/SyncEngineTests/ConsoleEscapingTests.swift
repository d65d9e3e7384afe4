import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncStore
import Testing

@testable import SyncServer

/// Values come from two CRMs anyone can type into: markup, quotes, right-to-left overrides
/// and very long values, entered through the simulators' APIs, must reach every console page
/// as text.
@Suite(.serialized)
struct ConsoleEscapingTests {
    static let markup = #"<script>alert("x")</script><img src=x onerror=alert(1)>"#
    static let quotes = #"Tom's "Shop" onmouseover="alert(1)" & Co"#
    static let rtl = "\u{202E}gnp.exe\u{202C} شركة الاختبار"
    static let long = String(repeating: "very-long-value-", count: 700)
    static let pages = [
        "/console", "/console/conflicts", "/console/conflicts?fragment=1", "/console/held",
        "/console/failures", "/console/runs", "/console/rails",
    ]

    @Test func markupQuotesRightToLeftTextAndLongValuesReachEveryPageAsText() async throws {
        try await ConsoleHarness.run { serve in
            try await serve.harness.editRecordAsAPerson("f-1", ["company_name": Self.markup + Self.quotes])
            try await serve.harness.editContact("Ghl1", ["companyName": Self.rtl])
            try await serve.harness.editRecordAsAPerson(
                "f-2", ["company_name": Self.long, "email": "<b>grace</b>@\"x\""])
            try await serve.harness.editContact("Ghl2", ["companyName": Self.quotes])
            await serve.deliverAndDrain()
            #expect(try await SQLiteStateStore(path: serve.harness.statePath).openConflicts().count == 2)

            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let last = try #require(
                    try await SQLiteStateStore(path: serve.harness.statePath).recentRuns(limit: 1).first)
                for path in Self.pages + ["/console/runs/\(last.id)/report"] {
                    let page = try await client.get(path)
                    #expect(page.status == 200, "\(path)")
                    #expect(!page.body.contains("<script>alert"), "\(path)")
                    #expect(!page.body.contains("<img"), "\(path)")
                    #expect(!page.body.contains("<b>grace"), "\(path)")
                    #expect(!page.body.contains(#"" onmouseover=""#), "\(path)")
                    #expect(
                        page.body.components(separatedBy: "<script").count - 1 <= 1,
                        "\(path): only our own script")
                    if !path.hasSuffix("/report") {
                        #expect(Self.rtlOnlyInsideIsolation(page.body), "\(path)")
                    }
                }
                let conflicts = try await client.get("/console/conflicts").body
                #expect(conflicts.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
                #expect(
                    conflicts.contains("Tom&#39;s &quot;Shop&quot; onmouseover=&quot;alert(1)&quot; &amp; Co")
                )
                #expect(
                    conflicts.contains("<bdi>\(Self.rtl)</bdi>"),
                    "right-to-left text isolated, so it cannot turn the page around it")
                #expect(conflicts.contains(Self.long), "long values in full (the page wraps them)")
                let held = try await client.get("/console/held").body
                #expect(held.contains("class=\"held-item\""))
            }
        }
    }

    @Test func noTemplateWritesAValueUnescaped() {
        for (name, text) in ConsoleTemplates.all {
            #expect(!text.contains("{{{"), "\(name)")
            #expect(!text.contains("{{&"), "\(name)")
            #expect(!text.contains("<script>"), "\(name): no inline script")
            #expect(!text.contains("style="), "\(name): no inline style")
        }
    }

    /// Whether every right-to-left override sits in a `<bdi>` element.
    static func rtlOnlyInsideIsolation(_ html: String) -> Bool {
        var rest = Substring(html)
        while let index = rest.firstIndex(of: "\u{202E}") {
            let before = html[..<index]
            guard let open = before.range(of: "<", options: .backwards),
                before[open.lowerBound...].hasPrefix("<bdi>")
            else { return false }
            rest = rest[rest.index(after: index)...]
        }
        return true
    }
}
