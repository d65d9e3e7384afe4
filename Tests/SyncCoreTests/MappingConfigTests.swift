import Foundation
import SyncCore
import Testing
import TestSupport

struct MappingConfigTests {
    /// A small valid config; cases below break one thing in it.
    static let good = """
        fulcrum:
          form_id: form-1
        ghl:
          location_id: loc-1
        link:
          ghl_custom_field: cf-fulcrum-record-id
          fulcrum_field: ghl_contact_id
        tags:
          fulcrum_field: tags
        fields:
          - { fulcrum: first_name, ghl: firstName }
          - { fulcrum: email, ghl: email }
          - { fulcrum: phone, ghl: phone }
        """

    static func form() throws -> FormDefinition {
        let url = ScenarioLoader.shared.appendingPathComponent("form.json")
        return try FormDefinition(json: Data(contentsOf: url), source: "form.json")
    }

    static func replacing(_ old: String, with new: String) -> String {
        precondition(good.contains(old), "the good config has no \(old)")
        return good.replacingOccurrences(of: old, with: new)
    }

    struct WrongConfig: Sendable, CustomTestStringConvertible {
        var what: String
        var yaml: String
        /// Words the message must hold: the key at fault and the fix.
        var mentions: [String]
        var testDescription: String { what }
    }

    static let wrongAtLoad: [WrongConfig] = [
        WrongConfig(
            what: "unknown top-level key", yaml: good + "\ncolour: blue\n",
            mentions: ["config.colour", "unknown key", "fields"]),
        WrongConfig(
            what: "unknown key in a field mapping",
            yaml: replacing(
                "{ fulcrum: email, ghl: email }", with: "{ fulcrum: email, ghl: email, conflct: ghl }"),
            mentions: ["fields[1].conflct", "unknown key", "conflict"]),
        WrongConfig(
            what: "unknown GHL contact field",
            yaml: replacing("ghl: firstName", with: "ghl: givenName"),
            mentions: [
                "fields[0].ghl", "\"givenName\" is not a GHL contact field", "firstName", "ghl_custom_field",
            ]),
        WrongConfig(
            what: "Fulcrum field mapped twice",
            yaml: good + "\n  - { fulcrum: email, ghl: companyName }\n",
            mentions: ["fields[3].fulcrum", "already mapped by fields[1]", "map each Fulcrum field once"]),
        WrongConfig(
            what: "GHL field mapped twice",
            yaml: good + "\n  - { fulcrum: last_name, ghl: firstName }\n",
            mentions: ["fields[3].ghl", "already mapped by fields[0]", "map each GHL field once"]),
        WrongConfig(
            what: "GHL custom field mapped twice",
            yaml: good
                + "\n  - { fulcrum: region, ghl_custom_field: cf-x }\n  - { fulcrum: employees, ghl_custom_field: cf-x }\n",
            mentions: ["fields[4].ghl", "customFields.cf-x", "already mapped by fields[3]"]),
        WrongConfig(
            what: "the link field mapped as a field",
            yaml: good + "\n  - { fulcrum: ghl_contact_id, ghl: companyName }\n",
            mentions: ["fields[3].fulcrum", "link or tags field", "remove this entry"]),
        WrongConfig(
            what: "the GHL link custom field mapped as a field",
            yaml: good + "\n  - { fulcrum: region, ghl_custom_field: cf-fulcrum-record-id }\n",
            mentions: ["fields[3].ghl_custom_field", "link.ghl_custom_field"]),
        WrongConfig(
            what: "a conflict policy that does not exist",
            yaml: replacing(
                "{ fulcrum: email, ghl: email }", with: "{ fulcrum: email, ghl: email, conflict: oldest }"),
            mentions: ["fields[1].conflict", "\"oldest\"", "newest, fulcrum, ghl, manual"]),
        WrongConfig(
            what: "a default conflict policy that does not exist",
            yaml: good + "\ndefaults: { conflict_policy: latest }\n",
            mentions: ["defaults.conflict_policy", "\"latest\"", "newest, fulcrum, ghl, manual"]),
        WrongConfig(
            what: "a direction that does not exist",
            yaml: replacing(
                "{ fulcrum: phone, ghl: phone }", with: "{ fulcrum: phone, ghl: phone, direction: one_way }"),
            mentions: ["fields[2].direction", "\"one_way\"", "both, to_ghl, to_fulcrum"]),
        WrongConfig(
            what: "a delete mode that does not exist",
            yaml: good + "\ndeletes: { mode: purge }\n",
            mentions: ["deletes.mode", "\"purge\"", "propagate, archive, ignore"]),
        WrongConfig(
            what: "max_delete garbage",
            yaml: good + "\ndeletes: { max_delete: lots }\n",
            mentions: ["deletes.max_delete", "\"lots\"", "percentage (e.g. 20%)", "whole number"]),
        WrongConfig(
            what: "max_delete above 100%",
            yaml: good + "\ndeletes: { max_delete: 120% }\n",
            mentions: ["deletes.max_delete", "\"120%\""]),
        WrongConfig(
            what: "max_delete negative",
            yaml: good + "\ndeletes: { max_delete: -3 }\n",
            mentions: ["deletes.max_delete", "\"-3\""]),
        WrongConfig(
            what: "max_delete_floor not a whole number",
            yaml: good + "\ndeletes: { max_delete_floor: few }\n",
            mentions: ["deletes.max_delete_floor", "\"few\"", "whole number"]),
        WrongConfig(
            what: "an unknown phone region",
            yaml: good + "\ndefaults: { phone_region: XX }\n",
            mentions: ["defaults.phone_region", "\"XX\"", "two-letter code"]),
        WrongConfig(
            what: "a create switch that is not a boolean",
            yaml: good + "\nsync: { create_in_ghl: maybe }\n",
            mentions: ["sync.create_in_ghl", "true or false", "\"maybe\""]),
        WrongConfig(
            what: "both ghl and ghl_custom_field",
            yaml: replacing(
                "{ fulcrum: email, ghl: email }",
                with: "{ fulcrum: email, ghl: email, ghl_custom_field: cf-e }"),
            mentions: ["fields[1]", "either ghl or ghl_custom_field, not both"]),
        WrongConfig(
            what: "neither ghl nor ghl_custom_field",
            yaml: replacing("{ fulcrum: email, ghl: email }", with: "{ fulcrum: email }"),
            mentions: ["fields[1]", "ghl: <contact field> or ghl_custom_field"]),
        WrongConfig(
            what: "a field mapping without its Fulcrum side",
            yaml: replacing("{ fulcrum: email, ghl: email }", with: "{ ghl: email }"),
            mentions: ["fields[1].fulcrum", "is required"]),
        WrongConfig(
            what: "no link custom field",
            yaml: replacing("  ghl_custom_field: cf-fulcrum-record-id\n", with: ""),
            mentions: ["link.ghl_custom_field", "is required", "holds the Fulcrum record id"]),
        WrongConfig(
            what: "no location id",
            yaml: replacing("  location_id: loc-1\n", with: "  url: http://127.0.0.1:9\n"),
            mentions: ["ghl.location_id", "is required"]),
        WrongConfig(
            what: "no fields",
            yaml: String(good.prefix(upTo: good.range(of: "fields:")!.lowerBound)),
            mentions: ["fields", "is required"]),
        WrongConfig(
            what: "fields not a list",
            yaml: String(good.prefix(upTo: good.range(of: "fields:")!.lowerBound)) + "fields: email\n",
            mentions: ["fields", "expected a list"]),
        WrongConfig(what: "not YAML at all", yaml: "fields: [unclosed\n", mentions: ["not valid YAML"]),
        WrongConfig(what: "an empty file", yaml: "", mentions: ["empty"]),
    ]

    @Test(arguments: wrongAtLoad)
    func aWrongConfigIsRefusedAtLoadNamingTheKeyAndTheFix(_ c: WrongConfig) {
        do {
            _ = try MappingConfig.load(yaml: c.yaml, source: "config.yaml")
            Issue.record("\(c.what): was accepted")
        } catch let error as SyncCoreError {
            #expect(error.code == .invalidConfig)
            #expect(error.message.hasPrefix("config.yaml"), "the message names the file: \(error.message)")
            for word in c.mentions {
                #expect(error.message.contains(word), "\(c.what): \"\(word)\" missing from: \(error.message)")
            }
        } catch {
            Issue.record("\(c.what): unexpected error \(error)")
        }
    }

    static let wrongForTheForm: [WrongConfig] = [
        WrongConfig(
            what: "a data_name the form does not have",
            yaml: replacing("fulcrum: email,", with: "fulcrum: e_mail,"),
            mentions: [
                "fields[1].fulcrum", "\"e_mail\" is not a field of form \"Scenario contacts\"", "email",
                "Fix the data_name",
            ]),
        WrongConfig(
            what: "a field inside a repeatable",
            yaml: good + "\n  - { fulcrum: visit_note, ghl: companyName }\n",
            mentions: ["fields[3].fulcrum", "inside the repeatable \"visits\"", "top-level"]),
        WrongConfig(
            what: "an AddressField mapped whole",
            yaml: good + "\n  - { fulcrum: address, ghl: address1 }\n",
            mentions: ["fields[3].fulcrum", "is an AddressField", "address.locality"]),
        WrongConfig(
            what: "a sub-field of a field that is not an address",
            yaml: good + "\n  - { fulcrum: company_name.locality, ghl: city }\n",
            mentions: ["fields[3].fulcrum", "only an AddressField has sub-fields", "locality"]),
        WrongConfig(
            what: "an address part that does not exist",
            yaml: good + "\n  - { fulcrum: address.planet, ghl: city }\n",
            mentions: ["fields[3].fulcrum", "address.planet", "postal_code"]),
        WrongConfig(
            what: "a tags field that is a single ChoiceField",
            yaml: replacing("fulcrum_field: tags", with: "fulcrum_field: lead_source"),
            mentions: ["tags.fulcrum_field", "\"lead_source\"", "multiple: true"]),
        WrongConfig(
            what: "a tags field that is not a ChoiceField",
            yaml: replacing("fulcrum_field: tags", with: "fulcrum_field: company_name"),
            mentions: ["tags.fulcrum_field", "ChoiceField", "TextField"]),
        WrongConfig(
            what: "a link field that is not a TextField",
            yaml: replacing("fulcrum_field: ghl_contact_id", with: "fulcrum_field: subscribed"),
            mentions: ["link.fulcrum_field", "YesNoField", "TextField"]),
        WrongConfig(
            what: "a link field the form does not have",
            yaml: replacing("fulcrum_field: ghl_contact_id", with: "fulcrum_field: contact_id"),
            mentions: ["link.fulcrum_field", "\"contact_id\" is not a field of form"]),
    ]

    @Test(arguments: wrongForTheForm)
    func aConfigThatDoesNotFitTheFormIsRefusedNamingTheKeyAndTheFix(_ c: WrongConfig) throws {
        let config = try MappingConfig.load(yaml: c.yaml, source: "config.yaml")
        do {
            _ = try ResolvedMapping(config: config, form: Self.form())
            Issue.record("\(c.what): was accepted")
        } catch let error as SyncCoreError {
            #expect(error.code == .invalidConfig)
            for word in c.mentions {
                #expect(error.message.contains(word), "\(c.what): \"\(word)\" missing from: \(error.message)")
            }
        }
    }

    @Test func aMinimalConfigLoadsWithTheDefaults() throws {
        let config = try MappingConfig.load(yaml: Self.good)
        #expect(config.fulcrum.id == "form-1")
        #expect(config.fulcrum.url == nil)
        #expect(config.fulcrum.tokenEnv == "FULCRUM_TOKEN")
        #expect(config.ghl.id == "loc-1")
        #expect(config.ghl.tokenEnv == "GHL_TOKEN")
        #expect(config.ghlLinkField == "cf-fulcrum-record-id")
        #expect(config.fulcrumLinkField == "ghl_contact_id")
        #expect(config.fulcrumTagsField == "tags")
        #expect(config.fields.map(\.fulcrum) == ["first_name", "email", "phone"])
        #expect(config.fields.map(\.ghl) == [.standard("firstName"), .standard("email"), .standard("phone")])
        #expect(config.fields.allSatisfy { $0.direction == .both && $0.policy == nil && $0.kind == nil })
        #expect(config.phoneRegion == "US")
        #expect(config.conflictPolicy == .newest)
        #expect(config.deleteMode == .propagate)
        #expect(config.maxDelete == .fraction(0.2))
        #expect(config.maxDeleteFloor == 5)
        #expect(config.archiveTag == "fgsync-archived")
        #expect(config.createInGHL)
        #expect(config.createInFulcrum)
    }

    @Test func everySettingIsReadWhenGiven() throws {
        let yaml =
            Self.good.replacingOccurrences(
                of: "  form_id: form-1",
                with: "  form_id: form-1\n  url: http://127.0.0.1:8081\n  token_env: MY_FULCRUM")
                + """

                  - { fulcrum: region, ghl_custom_field: cf-region, direction: to_ghl, conflict: manual, type: text }
                defaults: { phone_region: gb, conflict_policy: fulcrum }
                deletes: { mode: archive, max_delete: 7, max_delete_floor: 2, archive_tag: gone }
                sync: { create_in_ghl: no, create_in_fulcrum: false }
                """
        let config = try MappingConfig.load(yaml: yaml)
        #expect(config.fulcrum.url == "http://127.0.0.1:8081")
        #expect(config.fulcrum.tokenEnv == "MY_FULCRUM")
        #expect(
            config.fields.last
                == FieldMapping(
                    fulcrum: "region", ghl: .custom("cf-region"), direction: .toGHL, policy: .manual,
                    kind: .text))
        #expect(config.phoneRegion == "GB")
        #expect(config.conflictPolicy == .fulcrum)
        #expect(config.deleteMode == .archive)
        #expect(config.maxDelete == .count(7))
        #expect(config.maxDeleteFloor == 2)
        #expect(config.archiveTag == "gone")
        #expect(!config.createInGHL)
        #expect(!config.createInFulcrum)
    }

    @Test(arguments: [
        ("20%", MappingConfig.DeleteLimit.fraction(0.2)), ("0%", .fraction(0)), ("100%", .fraction(1)),
        ("0", .count(0)), ("25", .count(25)),
    ])
    func maxDeleteIsAPercentageOrACount(_ text: String, _ limit: MappingConfig.DeleteLimit) throws {
        let config = try MappingConfig.load(yaml: Self.good + "\ndeletes: { max_delete: \"\(text)\" }\n")
        #expect(config.maxDelete == limit)
    }

    @Test func fieldKindsAreInferredFromTheFieldsAndTheForm() throws {
        let yaml =
            Self.good + """

                  - { fulcrum: birth_date, ghl: dateOfBirth }
                  - { fulcrum: employees, ghl_custom_field: cf-employees }
                  - { fulcrum: subscribed, ghl_custom_field: cf-newsletter }
                  - { fulcrum: address.locality, ghl: city }
                  - { fulcrum: company_name, ghl: companyName, type: number }
                """
        let mapping = try ResolvedMapping(config: MappingConfig.load(yaml: yaml), form: Self.form())
        let kinds = Dictionary(uniqueKeysWithValues: mapping.fields.map { ($0.key, $0.kind) })
        #expect(
            kinds == [
                "first_name": .text, "email": .email, "phone": .phone, "birth_date": .date,
                "employees": .number,
                "subscribed": .text, "address.locality": .text, "company_name": .number,
            ])
        #expect(mapping.fields.first { $0.key == "address.locality" }?.addressPart == "locality")
        #expect(mapping.fields.first { $0.key == "first_name" }?.element.key == "f101")
    }

    @Test func customFieldKeysResolveToIds() throws {
        let yaml = Self.good + "\n  - { fulcrum: region, ghl_custom_field: contact.region }\n"
        let mapping = try ResolvedMapping(
            config: MappingConfig.load(yaml: yaml), form: Self.form(),
            ghlCustomFieldIds: ["contact.region": "Xy12", "cf-fulcrum-record-id": "Lk34"])
        #expect(mapping.fields.last?.ghl == .custom("Xy12"))
        #expect(mapping.ghlLinkFieldId == "Lk34")
    }

    /// README: "A wrong config (..., unknown GHL field, ...) is refused at load". When the
    /// location's custom field definitions are known (a live reconcile reads them), a custom field
    /// that is neither one of their keys nor one of their ids is a typo, not an id.
    @Test(arguments: [
        (
            "\n  - { fulcrum: region, ghl_custom_field: contact.regoin }\n", "contact.regoin",
            "fields[3].ghl_custom_field"
        ),
        ("", "cf-fulcrum-record-idd", "link.ghl_custom_field"),
    ])
    func anUnknownGHLCustomFieldIsRefusedWhenTheLocationsFieldsAreKnown(
        _ extra: String, _ name: String, _ key: String
    ) throws {
        var yaml = Self.good + extra
        if key == "link.ghl_custom_field" {
            yaml = yaml.replacingOccurrences(
                of: "ghl_custom_field: cf-fulcrum-record-id", with: "ghl_custom_field: \(name)")
        }
        let known = [
            "contact.region": "Xy12", "region": "Xy12", "contact.fulcrum_record_id": "Lk34",
            "cf-fulcrum-record-id": "Lk34",
        ]
        do {
            let mapping = try ResolvedMapping(
                config: MappingConfig.load(yaml: yaml), form: Self.form(), ghlCustomFieldIds: known)
            Issue.record(
                "\(name) was taken as a custom field id: \(mapping.fields.map(\.ghl)), link \(mapping.ghlLinkFieldId)"
            )
        } catch let error as SyncCoreError {
            #expect(error.code == .invalidConfig)
            #expect(error.message.contains(key) && error.message.contains(name), "\(error.message)")
        }
    }

    @Test func aCustomFieldGivenByItsIdIsAcceptedWhenTheLocationsFieldsAreKnown() throws {
        let yaml = Self.good + "\n  - { fulcrum: region, ghl_custom_field: Xy12 }\n"
        let mapping = try ResolvedMapping(
            config: MappingConfig.load(yaml: yaml), form: Self.form(),
            ghlCustomFieldIds: ["contact.region": "Xy12", "cf-fulcrum-record-id": "Lk34"])
        #expect(mapping.fields.last?.ghl == .custom("Xy12"))
    }

    @Test func theMappingHashIsStableAndChangesWithDirection() throws {
        let form = try Self.form()
        let one = try ResolvedMapping(config: MappingConfig.load(yaml: Self.good), form: form)
        let again = try ResolvedMapping(config: MappingConfig.load(yaml: Self.good), form: form)
        let turned = try ResolvedMapping(
            config: MappingConfig.load(
                yaml: Self.replacing(
                    "{ fulcrum: phone, ghl: phone }",
                    with: "{ fulcrum: phone, ghl: phone, direction: to_ghl }")),
            form: form)
        #expect(one.mappingHash == again.mappingHash)
        #expect(one.mappingHash != turned.mappingHash)
    }

    /// README: "`archive` tags the survivor". Without a tags field the setting must not silently
    /// act as `ignore`: either the config is refused, or GHL survivors (whose tags are native)
    /// are still tagged.
    @Test func archiveDeletesWithoutATagsFieldAreNotSilentlyIgnored() throws {
        let yaml =
            Self.replacing("tags:\n  fulcrum_field: tags\n", with: "") + "\ndeletes: { mode: archive }\n"
        let config = try MappingConfig.load(yaml: yaml, source: "config.yaml")
        let mapping: ResolvedMapping
        do {
            mapping = try ResolvedMapping(config: config, form: Self.form())
        } catch let error as SyncCoreError {
            #expect(
                error.message.contains("deletes.mode") || error.message.contains("tags.fulcrum_field"),
                "\(error.message)")
            return
        }
        let planner = Planner(settings: PlannerSettings(mapping: mapping))
        let outcome = planner.planPair(
            base: PairBase(fulcrumId: "f-1", contactId: "G1"), fulcrum: nil,
            ghl: RecordState(id: "G1", linkId: "f-1"))
        let operations = outcome.pair?.operations ?? []
        #expect(
            operations.contains { $0.side == .ghl && $0.kind == .addTags && $0.tags == ["fgsync-archived"] },
            "archive mode without a tags field archived nothing: \(operations)")
    }

    @Test func theConflictPolicyDoesNotChangeTheMappingHash() throws {
        let form = try Self.form()
        let one = try ResolvedMapping(config: MappingConfig.load(yaml: Self.good), form: form)
        let policy = try ResolvedMapping(
            config: MappingConfig.load(yaml: Self.good + "\ndefaults: { conflict_policy: ghl }\n"), form: form
        )
        #expect(one.mappingHash == policy.mappingHash)
    }
}
