import ArgumentParser
import Foundation
import SyncCore
import SyncReports

/// `fgsync report`: regenerate a past run's report from the state file.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate a past run's report (HTML, JSON, CSV or Markdown) from the state file.",
        discussion: """
            Without --out, prints the report (Markdown unless --format says otherwise) to standard output. \
            With --out DIR, writes DIR/report.html, report.json, conflicts.csv and report.md (or only --format). \
            The state file is opened read-only and never modified. Exit 0 done; 2 unknown run, no state \
            file, a state file from a newer fgsync, or an unwritable --out.
            """)

    @Option(name: .customLong("run"), help: "The run: a run id (see `fgsync status`) or `last`.") var runId = "last"
    @Option(help: "html, json, csv or md.") var format: ReportFormat?
    @Option(help: "Write the report files into this directory.") var out: String?
    @OptionGroup var stateOptions: StateOptions

    func run() async throws {
        let formats = format.map { [$0] } ?? (out == nil ? [.md] : [.html, .json, .csv, .md])
        do {
            let state = try stateOptions.target().state
            let result = try await ReportJob(state: state, run: runId, formats: formats, outDirectory: out.map(URL.init(fileURLWithPath:))).run()
            if result.files.isEmpty {
                FileHandle.standardOutput.write(result.rendered)
            } else {
                Console.out(result.files.map { "wrote \($0.path)" }.joined(separator: "\n"))
            }
        } catch {
            Console.error("fgsync report: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
