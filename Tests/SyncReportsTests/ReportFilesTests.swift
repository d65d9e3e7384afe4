import Foundation
import SyncEngine
import Testing
@testable import SyncReports

/// Issue 11 item 5: `fgsync reconcile` names its own option when the report files cannot be written.
struct ReportFilesTests {
    @Test func aReconcileReportThatCannotBeWrittenNamesReportDirNotOut() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-reportfiles-\(UUID().uuidString)")
        try Data("x".utf8).write(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: SyncEngineError.self) { try ReportFiles().write(SampleReports.report(), to: directory) }
        #expect(error?.message.contains("--report-dir") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("--out") == false)
    }
}
