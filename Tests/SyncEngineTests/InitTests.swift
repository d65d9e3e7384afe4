import Demo
import Foundation
import Simulators
import SyncCore
import SyncEngine
import Testing

/// `fgsync init` against the simulators `fgsync simulate` serves: the config it writes
/// reconciles with no edit; the link field is created only when asked; a file is never replaced
/// without `--force`.
@Suite(.serialized)
struct InitTests {
    func job(_ harness: LiveHarness, createMissing: Bool = false) -> InitJob {
        job(harness.sims, directory: harness.directory, createMissing: createMissing)
    }

    func job(_ sims: LiveSimulators, directory: URL, createMissing: Bool = false) -> InitJob {
        let summary = sims.summary
        var job = InitJob(
            formId: summary.fulcrum.formId, locationId: summary.ghl.locationId,
            outPath: directory.appendingPathComponent("init.yml").path)
        job.fulcrumURL = summary.fulcrum.url
        job.ghlURL = summary.ghl.url
        job.createMissing = createMissing
        job.environment = ["FULCRUM_TOKEN": summary.fulcrum.token, "GHL_TOKEN": summary.ghl.token]
        job.clientOptions = LiveHarness.clientOptions()
        return job
    }

    @Test func theWrittenConfigReconcilesWithNoEdit() async throws {
        try await LiveHarness.run { harness in
            await ReconcileEndToEndTests.seedFirstSync(harness)
            let job = job(harness)

            let outcome = try await job.run()
            let files = try OnboardingFiles(harness, yaml: try String(contentsOfFile: job.outPath, encoding: .utf8))
            let report = try await files.reconcile()

            #expect(outcome.loadProblem == nil, "\(outcome.loadProblem ?? "")")
            #expect(outcome.todo.isEmpty, "\(outcome.todo)")
            #expect(report.outcome == "ok", "\(report.failed.map(\.error))")
            #expect(report.applied["ghl"]?["create"] == 1 && report.applied["fulcrum"]?["create"] == 1, "\(report.applied)")
            let world = try await harness.world()
            #expect(world.problems().isEmpty, "\(world.problems())")
        }
    }

    @Test func itPairsTheSameFieldsAsTheHandWrittenSimulateConfig() async throws {
        try await LiveHarness.run { harness in
            let outcome = try await job(harness).run()

            let written = try MappingConfig.load(yaml: outcome.yaml)
            let form = try FormDefinition(json: try await harness.sims.fulcrumGateway.form())
            let definitions = try await harness.sims.ghlGateway.customFields()
            let proposed = try ResolvedMapping(config: written, form: form, ghlCustomFields: definitions)
            let simulate = try ResolvedMapping(config: harness.sims.config, form: form, ghlCustomFields: definitions)
            #expect(Set(proposed.fields.map { "\($0.key)->\($0.ghl.displayName)" }) == Set(simulate.fields.map { "\($0.key)->\($0.ghl.displayName)" }))
            #expect(written.fulcrumTagsField == "tags")
            #expect(proposed.ghlLinkFieldId == simulate.ghlLinkFieldId)
        }
    }

    @Test func withoutCreateMissingItSaysExactlyWhatItWouldCreateAndWritesNothingToGHL() async throws {
        var options = SimulatorOptions()
        options.ghl.linkFieldBuiltIn = false
        try await OnboardingFiles.run(options: options) { files in
            let outcome = try await job(files.sims, directory: files.directory).run()

            let locationId = files.sims.summary.ghl.locationId
            #expect(outcome.todo.contains { $0.contains(#"POST /locations/\#(locationId)/customFields {"name":"Fulcrum Record Id","dataType":"TEXT"}"#) }, "\(outcome.todo)")
            #expect(outcome.created.isEmpty)
            #expect(files.routes().allSatisfy { $0.hasPrefix("GET ") }, "\(files.routes())")
            #expect(outcome.yaml.contains("ghl_custom_field: fulcrum_record_id"))
        }
    }

    @Test func createMissingCreatesTheGHLLinkFieldAndTheConfigThenLoads() async throws {
        var options = SimulatorOptions()
        options.ghl.linkFieldBuiltIn = false
        try await OnboardingFiles.run(options: options) { files in
            let outcome = try await job(files.sims, directory: files.directory, createMissing: true).run()

            let definitions = try await files.sims.ghlGateway.customFields()
            let created = definitions.first { $0.name == "Fulcrum Record Id" }
            #expect(created?.dataType == "TEXT")
            #expect(outcome.created.count == 1 && outcome.created[0].contains(created?.id ?? "?"))
            #expect(outcome.loadProblem == nil, "\(outcome.loadProblem ?? "")")
            #expect(files.routes().filter { !$0.hasPrefix("GET ") } == ["POST /locations/:locationId/customFields"], "\(files.routes())")
        }
    }

    @Test func aFormWithoutTheHiddenContactIdFieldGetsAppBuilderSteps() async throws {
        var options = SimulatorOptions()
        options.fulcrum.form = try await DoctorTests.defaultForm(without: "ghl_contact_id")
        try await OnboardingFiles.run(options: options) { files in
            let outcome = try await job(files.sims, directory: files.directory).run()

            #expect(outcome.todo.contains { $0.contains("app builder") && $0.contains(#"data name to "ghl_contact_id""#) && $0.contains("Hidden") }, "\(outcome.todo)")
            #expect(outcome.loadProblem?.contains("ghl_contact_id") == true)
        }
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() async throws {
        try await LiveHarness.run { harness in
            var job = job(harness)
            try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: job.outPath))

            await #expect(throws: SyncEngineError.self) { try await job.run() }
            #expect(try String(contentsOfFile: job.outPath, encoding: .utf8) == "keep me\n")

            job.force = true
            _ = try await job.run()
            #expect(try String(contentsOfFile: job.outPath, encoding: .utf8).hasPrefix("# fgsync config written by `fgsync init`"))
        }
    }
}
