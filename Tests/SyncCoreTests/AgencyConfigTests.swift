import Foundation
import SyncCore
import Testing

/// `ghl.agency_token_env` with `ghl.company_id`: a sync authenticated by the agency's Company token.
struct AgencyConfigTests {
    static func yaml(_ ghlExtra: String) -> String {
        """
        fulcrum:
          form_id: form-1
        ghl:
          location_id: loc-1
        \(ghlExtra)
        link:
          ghl_custom_field: cf-fulcrum-record-id
          fulcrum_field: ghl_contact_id
        fields:
          - { fulcrum: email, ghl: email }
        """
    }

    @Test func agencyKeysAreRead() throws {
        let config = try MappingConfig.load(yaml: Self.yaml("  agency_token_env: GHL_AGENCY_TOKEN\n  company_id: comp-1"))
        #expect(config.ghl.agencyTokenEnv == "GHL_AGENCY_TOKEN")
        #expect(config.ghl.companyId == "comp-1")
    }

    @Test(arguments: [
        ("  agency_token_env: GHL_AGENCY_TOKEN", "ghl.company_id: is required with agency_token_env"),
        ("  company_id: comp-1", "ghl.agency_token_env: is required with company_id"),
    ])
    func oneAgencyKeyWithoutTheOtherIsRefusedNamingTheMissingOne(extra: String, message: String) {
        let error = #expect(throws: SyncCoreError.self) { try MappingConfig.load(yaml: Self.yaml(extra)) }
        #expect(error?.description.contains(message) == true)
    }
}
