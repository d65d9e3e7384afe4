import Foundation
import SyncCore
import SyncEngine
import Testing
@testable import SyncReports

struct RendererTests {
    @Test func htmlEscapesEveryRecordValue() throws {
        let html = HTMLReport.render(try SampleReports.report())
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;"))
        // Exactly one script element: ours.
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func htmlIsSelfContained() throws {
        let html = HTMLReport.render(try SampleReports.report())
        #expect(html.contains("Content-Security-Policy"))
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
    }

    @Test func htmlShowsSummaryChartConflictsAndSections() throws {
        let html = HTMLReport.render(try SampleReports.report())
        #expect(html.contains("<h1>fgsync run 7"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("data-side=\"ghl\" data-kind=\"create\""))
        #expect(html.components(separatedBy: "<tr class=\"conflict ").count == 3)
        #expect(html.contains("data-status=\"open\""))
        #expect(html.contains("td class=\"value winner\""))
        #expect(html.contains("id=\"filter-field\""))
        #expect(html.contains("<option value=\"company_name\">"))
        #expect(html.contains("invalid email &lt;x@&gt;"))
        #expect(html.contains("HTTP 422 &lt;b&gt;bad&lt;/b&gt;"))
    }

    @Test func htmlLinksOnlyToHTTPRecordPages() throws {
        let html = HTMLReport.render(try SampleReports.report())
        #expect(html.contains("href=\"https://web.fulcrumapp.com/records/f-ada\""))
        #expect(!html.contains("javascript:"))
    }

    @Test func csvHasBOMQuotingCRLFAndOneRowPerConflict() throws {
        let data = CSVReport.render(try SampleReports.report())
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("run_id,fulcrum_id,fulcrum_name,contact_id,ghl_name,field,"))
        #expect(text.contains("\"Globex, \"\"Inc\"\"\nLine 2\""))
        #expect(text.contains(",2026-11-28T10:00:00.000Z,"))
        // A formula is defused; a phone number is not.
        #expect(text.contains("'=HYPERLINK"))
        #expect(text.contains(",+1 415 555 0102,"))
        #expect(text.hasSuffix("\r\n"))
        let records = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count == 3)
    }

    @Test func csvFieldQuotesOnlyWhenNeeded() {
        #expect(CSVReport.field("plain") == "plain")
        #expect(CSVReport.field("a,b") == "\"a,b\"")
        #expect(CSVReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVReport.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVReport.field("-5") == "-5")
        #expect(CSVReport.field("-cmd") == "'-cmd")
    }

    @Test func markdownEscapesTablesAndMarkup() throws {
        let md = MarkdownReport.render(try SampleReports.report())
        #expect(md.hasPrefix("# fgsync run 7: failed"))
        #expect(md.contains("| ghl | create | 2 | 2 |"))
        #expect(!md.contains("<script>"))
        #expect(md.contains("&lt;script&gt;"))
        let conflictRows = md.split(separator: "\n").filter { $0.hasPrefix("| Ada") || $0.hasPrefix("| f-grace") }
        #expect(conflictRows.count == 2)
        #expect(!md.contains("Inc\"\nLine"))
    }

    @Test func jsonRoundTrips() throws {
        let report = try SampleReports.report()
        let data = try ReportFormat.json.render(report)
        #expect(try RunReport.decode(data) == report)
        #expect(String(decoding: data, as: UTF8.self).contains("\"schema\" : \"fgsync.report/1\""))
    }

    @Test func writingIntoAnUnwritablePlaceSaysSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-reports-\(UUID().uuidString)")
        try Data("x".utf8).write(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: ReportError.self) {
            try ReportFormat.write(try SampleReports.report(), formats: [.html], to: directory.appendingPathComponent("out"))
        }
        #expect(error?.code == .cannotWrite)
        #expect(error?.message.contains("--out") == true)
    }
}
