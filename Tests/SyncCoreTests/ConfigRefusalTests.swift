import Foundation
import SyncCore
import Testing
import TestSupport

/// Issue 11 items 3 and 9: configs that would duplicate everyone, or point nowhere, are refused
/// at load with the key and the fix; files that are not a UTF-8 YAML config say what they are.
struct ConfigRefusalTests {
    static func yaml(fields: String, sync: String = "", fulcrum: String = "{ form_id: f1 }", ghl: String = "{ location_id: l1 }") -> String {
        """
        fulcrum: \(fulcrum)
        ghl: \(ghl)
        link: { ghl_custom_field: cf1, fulcrum_field: ghl_contact_id }
        fields: \(fields)
        \(sync)
        """
    }

    @Test(arguments: [
        "[]",
        "[ { fulcrum: first_name, ghl: firstName } ]",
        "[ { fulcrum: first_name, ghl: firstName }, { fulcrum: mail, ghl_custom_field: cf-email } ]",
        "[ { fulcrum: company, ghl: companyName }, { fulcrum: city, ghl: city } ]",
    ])
    func aConfigThatMapsNoEmailOrPhoneIsRefusedAtLoad(_ fields: String) {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(yaml: Self.yaml(fields: fields), source: "c.yaml") }
        #expect(error?.code == .invalidConfig)
        #expect(error?.message.contains("fields") == true)
        #expect(error?.message.contains("identity") == true)
        #expect(error?.message.contains("create_in_ghl: false") == true, "the message says how to sync by link ids only")
    }

    @Test(arguments: [
        ("{ form_id: f1, url: \"not a url\" }", "fulcrum.url"),
        ("{ form_id: f1, url: \"ftp://api.fulcrumapp.com\" }", "fulcrum.url"),
        ("{ form_id: f1, url: \"https://\" }", "fulcrum.url"),
        ("{ form_id: \"f1/../../forms\" }", "fulcrum.form_id"),
        ("{ form_id: \"f1 f2\" }", "fulcrum.form_id"),
    ])
    func aWrongFulcrumURLOrFormIdIsRefusedNamingTheKey(_ fulcrum: String, _ key: String) {
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: Self.yaml(fields: "[ { fulcrum: email, ghl: email } ]", fulcrum: fulcrum))
        }
        #expect(error?.message.contains(key) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        ("{ location_id: l1, url: \"services.leadconnectorhq.com\" }", "ghl.url"),
        ("{ location_id: \"l1?x=1\" }", "ghl.location_id"),
        ("{ location_id: \"l1#frag\" }", "ghl.location_id"),
    ])
    func aWrongGHLURLOrLocationIdIsRefusedNamingTheKey(_ ghl: String, _ key: String) {
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: Self.yaml(fields: "[ { fulcrum: email, ghl: email } ]", ghl: ghl))
        }
        #expect(error?.message.contains(key) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        ("config-utf16.yaml", "UTF-16"), ("config-utf16be-nobom.yaml", "UTF-16"), ("config-binary.sqlite", "not a text file"),
    ])
    func aConfigFileThatIsNotUTF8TextSaysWhatItIs(_ name: String, _ what: String) {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(contentsOf: HostileCorpus.url(name)) }
        #expect(error?.message.contains(what) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("--config") == true)
    }

    @Test func aFolderGivenAsTheConfigIsNamedAsAFolder() {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(contentsOf: HostileCorpus.root) }
        #expect(error?.message.contains("is a folder") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("--config") == true)
    }
}
