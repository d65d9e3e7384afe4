import Foundation
import SyncEngine

/// A report format and the file it is written to.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `report.html`: the page for people.
    case html
    /// `report.json`: the machine-readable report (schema `fgsync.report/1`).
    case json
    /// `conflicts.csv`: one row per conflict.
    case csv
    /// `report.md`: Markdown for tickets and chat.
    case md

    /// The file name in a report directory.
    public var fileName: String {
        switch self {
        case .html: "report.html"
        case .json: "report.json"
        case .csv: "conflicts.csv"
        case .md: "report.md"
        }
    }

    /// The rendered bytes of `report`.
    public func render(_ report: RunReport) throws -> Data {
        switch self {
        case .html: Data(HTMLReport.render(report).utf8)
        case .json: try report.json() + Data("\n".utf8)
        case .csv: CSVReport.render(report)
        case .md: Data(MarkdownReport.render(report).utf8)
        }
    }

    /// Writes `formats` of `report` into `directory` (created when missing).
    ///
    /// - Throws: `ReportError.Code.cannotWrite` naming the directory when it cannot be written.
    /// `option` is the command-line option that chose the directory, named in the error.
    public static func write(_ report: RunReport, formats: [ReportFormat], to directory: URL, option: String = "--out") throws -> [URL] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try formats.map { format in
                let url = directory.appendingPathComponent(format.fileName)
                try format.render(report).write(to: url, options: .atomic)
                return url
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(
                .cannotWrite,
                "\(directory.path): the report cannot be written there (\(error.localizedDescription)); choose a writable directory with \(option)")
        }
    }
}

/// Writes `report.json`, `conflicts.csv` and `report.html` of every run: set it as
/// `ReconcileOptions.reportWriter`.
public struct ReportFiles: RunReportWriter {
    /// The formats written.
    public var formats: [ReportFormat]

    /// Creates the writer.
    public init(formats: [ReportFormat] = [.json, .csv, .html]) {
        self.formats = formats
    }

    /// Writes the files.
    public func write(_ report: RunReport, to directory: URL) throws {
        do {
            _ = try ReportFormat.write(report, formats: formats, to: directory, option: "--report-dir")
        } catch let error as ReportError {
            throw SyncEngineError(.input, error.message)
        }
    }
}
