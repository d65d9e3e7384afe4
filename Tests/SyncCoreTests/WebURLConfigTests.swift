import Foundation
import SyncCore
import Testing

struct WebURLConfigTests {
    static let yaml = """
        fulcrum:
          form_id: form-1
          web_url: https://web.fulcrumapp.com/records/{id}
        ghl:
          location_id: loc-1
          web_url: https://app.gohighlevel.com/v2/location/loc-1/contacts/detail
        link:
          ghl_custom_field: cf-fulcrum-record-id
          fulcrum_field: ghl_contact_id
        fields:
          - { fulcrum: email, ghl: email }
        """

    @Test func webURLsAreReadAndMakeRecordLinks() throws {
        let config = try MappingConfig.load(yaml: Self.yaml)
        #expect(config.fulcrum.webLink(id: "f-1") == "https://web.fulcrumapp.com/records/f-1")
        #expect(config.ghl.webLink(id: "abc") == "https://app.gohighlevel.com/v2/location/loc-1/contacts/detail/abc")
        #expect(config.ghl.webLink(id: "a/b c") == "https://app.gohighlevel.com/v2/location/loc-1/contacts/detail/a%2Fb%20c")
    }

    @Test func withoutWebURLsThereAreNoLinks() throws {
        let yaml = Self.yaml.split(separator: "\n").filter { !$0.contains("web_url") }.joined(separator: "\n")
        let config = try MappingConfig.load(yaml: yaml)
        #expect(config.fulcrum.webLink(id: "f-1") == nil)
    }

    @Test func aMisspelledWebURLKeyIsRefused() {
        let yaml = Self.yaml.replacingOccurrences(of: "  web_url: https://web", with: "  webURL: https://web")
        #expect(throws: SyncCoreError.self) { try MappingConfig.load(yaml: yaml) }
    }
}
