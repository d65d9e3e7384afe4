import ArgumentParser
import Foundation
import SyncEngine

/// `fgsync init`: discover both systems and write a working, commented config.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Read a Fulcrum form and a GHL location and write a working, commented config.",
        discussion: """
            Tokens come from FULCRUM_TOKEN and GHL_TOKEN (or GHL OAuth). Pairs fields by name and type (only \
            pairings the config loader accepts), lists the ones it could not pair with the reason, and names the \
            link fields. With --create-missing it creates the GHL custom field for the Fulcrum record id; without, \
            it says exactly what it would create. Never overwrites a file without --force. Exit 0 written, \
            2 usage (the file exists, a wrong id), 4 auth.
            """)

    @Option(help: "The Fulcrum form id.") var fulcrumForm: String
    @Option(help: "The GHL location id.") var ghlLocation: String
    @Option(help: "Fulcrum API origin (default the real API).") var fulcrumUrl: String?
    @Option(help: "GHL API origin (default the real API).") var ghlUrl: String?
    @Option(help: "Where to write the config.") var out = "fgsync.yml"
    @Flag(help: "Replace an existing file.") var force = false
    @Flag(help: "Create the GHL custom field for the Fulcrum record id when it is missing.") var createMissing = false

    func run() async throws {
        var job = InitJob(formId: fulcrumForm, locationId: ghlLocation, outPath: out)
        job.fulcrumURL = fulcrumUrl
        job.ghlURL = ghlUrl
        job.force = force
        job.createMissing = createMissing
        do {
            Console.out(try await job.run().text(outPath: out))
        } catch {
            Console.error("fgsync init: \(error)")
            throw ExitCode(CommandExit.code(for: error))
        }
    }
}
