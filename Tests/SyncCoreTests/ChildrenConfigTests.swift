import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 9 item 3: the `children:` section maps notes, tasks and appointments to repeatables;
/// a wrong one is refused at load (or when checked against the form) naming the key and the fix.
struct ChildrenConfigTests {
    @Test func theSharedChildrenConfigResolvesEveryKindToItsRepeatable() throws {
        let mapping = try ChildrenMapping.resolved()
        #expect(mapping.children.kinds.map(\.kind) == [.note, .task, .appointment])
        let tasks = try #require(mapping.children.kind(.task))
        #expect(tasks.repeatable.key == "r400")
        #expect(tasks.linkElement.key == "r401")
        #expect(tasks.fields.map(\.ghl) == ["title", "body", "dueDate", "completed"])
        #expect(tasks.fields.map(\.element.key) == ["r402", "r403", "r404", "r405"])
        #expect(mapping.children.timeZone.identifier == "America/New_York")
        #expect(mapping.children.sweepShare == 0.1)
    }

    @Test func directionsDefaultToBothWaysForNotesAndTasksAndGHLToFulcrumForAppointments() throws {
        let config = try MappingConfig.load(yaml: ChildrenMapping.configText(children: """
            children:
              notes: { repeatable: notes, link_field: ghl_note_id, fields: { body: body } }
              tasks: { repeatable: tasks, link_field: ghl_task_id, fields: { title: title } }
              appointments: { repeatable: appointments, link_field: ghl_appointment_id, fields: { title: title } }
            """))
        #expect(config.children.mappings.map(\.direction) == [.both, .both, .toFulcrum])
    }

    @Test func aConfigWithoutChildrenSyncsNoneAndKeepsItsMappingFingerprint() throws {
        let text = try ChildrenMapping.configText(children: "")
        let without = try ResolvedMapping(config: MappingConfig.load(yaml: text), form: ChildrenMapping.form())
        let shared = try ResolvedMapping(config: MappingConfig.load(yaml: text), form: SharedMapping.form())
        #expect(without.children.isEmpty)
        #expect(without.mappingHash == shared.mappingHash)
        #expect(try ChildrenMapping.resolved().mappingHash != without.mappingHash)
    }

    @Test(arguments: [
        ("  comments: { repeatable: notes, link_field: ghl_note_id, fields: { body: body } }", "children.comments", "notes, sweep, tasks, time_zone"),
        ("  notes: { repeatable: notes, link_field: ghl_note_id, fields: { text: body } }", "children.notes.fields.text", "body"),
        ("  notes: { repeatable: notes, fields: { body: body } }", "children.notes.link_field", "hidden TextField"),
        ("  notes: { link_field: ghl_note_id, fields: { body: body } }", "children.notes.repeatable", "Repeatable"),
        ("  notes: { repeatable: notes, link_field: ghl_note_id }", "children.notes.fields", "body"),
        ("  notes: { repeatable: notes, link_field: ghl_note_id, fields: { body: ghl_note_id } }", "children.notes.fields.body", "link field"),
        ("  appointments: { repeatable: appointments, link_field: ghl_appointment_id, direction: both, fields: { title: title } }", "children.appointments.direction", "to_fulcrum"),
        ("  appointments: { repeatable: appointments, link_field: ghl_appointment_id, direction: to_ghl, fields: { title: title } }", "children.appointments.direction", "never writes them to GHL"),
        ("  time_zone: Mars/Olympus", "children.time_zone", "IANA"),
        ("  sweep: lots", "children.sweep", "10%"),
    ])
    func aWrongChildrenEntryIsRefusedAtLoadNamingTheKeyAndTheFix(_ entry: String, _ key: String, _ fix: String) throws {
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: ChildrenMapping.configText(children: "children:\n\(entry)\n"), source: "c.yaml")
        }
        #expect(error?.code == .invalidConfig)
        #expect(error?.message.contains(key) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(fix) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        ("{ repeatable: comments, link_field: ghl_note_id, fields: { body: body } }", "children.notes.repeatable", "its repeatables are: appointments, notes, tasks, visits"),
        ("{ repeatable: email, link_field: ghl_note_id, fields: { body: body } }", "children.notes.repeatable", "is a TextField, not a Repeatable"),
        ("{ repeatable: notes, link_field: note_id, fields: { body: body } }", "children.notes.link_field", "not a field inside the repeatable \"notes\""),
        ("{ repeatable: notes, link_field: ghl_note_id, fields: { body: text } }", "children.notes.fields.body", "its fields are: body, ghl_note_id"),
        ("{ repeatable: appointments, link_field: visible_id, fields: { body: title } }", "children.notes.link_field", "a visible TextField"),
        ("{ repeatable: tasks, link_field: completed, fields: { body: body } }", "children.notes.link_field", "is a YesNoField"),
    ])
    func aChildrenEntryThatDoesNotFitTheFormIsRefusedNamingTheKeyAndTheFix(_ notes: String, _ key: String, _ fix: String) throws {
        let config = try MappingConfig.load(yaml: ChildrenMapping.configText(children: "children:\n  notes: \(notes)\n"))
        let error = #expect(throws: SyncCoreError.self) { try ResolvedMapping(config: config, form: ChildrenMapping.form()) }
        #expect(error?.message.contains(key) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(fix) == true, "\(error?.message ?? "")")
    }

    @Test func aTaskFieldOfAWrongElementTypeIsRefusedNamingTheTypesThatFit() throws {
        let config = try MappingConfig.load(yaml: ChildrenMapping.configText(children: """
            children:
              tasks: { repeatable: tasks, link_field: ghl_task_id, fields: { completed: title } }
            """))
        let error = #expect(throws: SyncCoreError.self) { try ResolvedMapping(config: config, form: ChildrenMapping.form()) }
        #expect(error?.message.contains("children.tasks.fields.completed") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("CheckboxField or YesNoField") == true, "\(error?.message ?? "")")
    }

    @Test func aContactFieldInsideARepeatableIsStillRefused() throws {
        var text = try ChildrenMapping.configText()
        text = text.replacingOccurrences(of: "  - { fulcrum: lead_source, ghl: source }", with: "  - { fulcrum: lead_source, ghl: source }\n  - { fulcrum: visit_note, ghl: website }")
        let error = #expect(throws: SyncCoreError.self) { try ResolvedMapping(config: MappingConfig.load(yaml: text), form: ChildrenMapping.form()) }
        #expect(error?.message.contains("sits inside the repeatable \"visits\"") == true, "\(error?.message ?? "")")
    }

    @Test func twoRepeatablesMayEachHaveAFieldOfTheSameDataName() throws {
        let form = try ChildrenMapping.form { elements in
            // The simulator's default form names both bodies "body": each resolves inside its own repeatable.
            let index = elements.firstIndex { $0["data_name"] as? String == "visits" }!
            var visits = elements[index]
            visits["elements"] = [["type": "TextField", "key": "r209", "data_name": "body", "label": "Body"]]
            elements[index] = visits
        }
        let mapping = try ResolvedMapping(config: MappingConfig.load(yaml: ChildrenMapping.configText()), form: form)
        #expect(mapping.children.kind(.note)?.fields.first?.element.key == "r302")
        #expect(mapping.children.kind(.task)?.fields.first { $0.ghl == "body" }?.element.key == "r403")
    }
}
