import ArgumentParser
import Foundation
import SyncCore
import SyncEngine

/// `fgsync plan`: show what a reconcile would do, from saved API bodies. Writes nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a reconcile from saved snapshots and print it; writes to neither system.",
        discussion: """
            FORM.json is the body of GET /api/v2/forms/:id.json; RECORDS.json of GET /api/v2/records.json \
            and CONTACTS.json of GET /contacts/ or POST /contacts/search (one page, or a JSON array of pages). \
            Without --state the base is empty, as on a first sync. Exit 0: plan made; 2: usage or config \
            error; 3: a safety rail tripped (the plan is still printed, marked refused).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "The fgsync YAML mapping.") var config: String
    @Option(help: "The sync of a syncs: config whose mapping to plan with.") var sync: String?
    @Option(name: .customLong("fulcrum-form"), help: "The Fulcrum form JSON.") var fulcrumForm: String
    @Option(name: .customLong("fulcrum-records"), help: "The Fulcrum records JSON.") var fulcrumRecords: String
    @Option(name: .customLong("ghl-contacts"), help: "The GHL contacts JSON.") var ghlContacts: String
    @Option(help: "A state file whose bases to diff against (read only).") var state: String?
    @Option(name: .customLong("ghl-custom-fields"), help: "The GHL custom field definitions JSON (GET /locations/{id}/customFields).")
    var ghlCustomFields: String?
    @Option(name: .customLong("ghl-children"), help: "GHL notes, tasks and appointments per contactId ({\"<contactId>\": {\"notes\": [...], \"tasks\": [...], \"events\": [...]}}).")
    var ghlChildren: String?
    @Option(name: .customLong("conflict-policy"), help: "Override every field's policy: newest, fulcrum, ghl or manual.")
    var conflictPolicy: String?
    @Option(help: "text or json.") var format: Format = .text

    func run() async throws {
        var policy: ConflictPolicy?
        if let conflictPolicy {
            guard let parsed = ConflictPolicy(rawValue: conflictPolicy) else {
                throw ValidationError("--conflict-policy must be one of: newest, fulcrum, ghl, manual")
            }
            policy = parsed
        }
        let result: FilePlanJob.Result
        do {
            var job = FilePlanJob(
                configURL: URL(fileURLWithPath: config), formURL: URL(fileURLWithPath: fulcrumForm),
                recordsURL: URL(fileURLWithPath: fulcrumRecords), contactsURL: URL(fileURLWithPath: ghlContacts),
                baseSource: try state.map(StateBaseSource.init(path:)), policyOverride: policy,
                ghlCustomFieldsURL: ghlCustomFields.map { URL(fileURLWithPath: $0) })
            job.ghlChildrenURL = ghlChildren.map { URL(fileURLWithPath: $0) }
            job.sync = sync
            result = try await job.run()
        } catch {
            Console.error("fgsync plan: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json: FileHandle.standardOutput.write(try result.document.json() + Data("\n".utf8))
        case .text: FileHandle.standardOutput.write(Data(result.document.text().utf8))
        }
        if result.plan.refused { throw ExitCode(3) }
    }
}
