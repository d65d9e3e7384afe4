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

    @Test func anAgencyTokenVariableWithoutTheCompanyIdIsRefusedNamingIt() {
        let error = #expect(throws: SyncCoreError.self) {
            try MappingConfig.load(yaml: Self.yaml("  agency_token_env: GHL_AGENCY_TOKEN"))
        }
        #expect(error?.description.contains("ghl.company_id: is required with agency_token_env") == true)
    }

    @Test func aCompanyIdAloneMeansTheStoredCompanyPair() throws {
        let config = try MappingConfig.load(yaml: Self.yaml("  company_id: comp-1"))
        #expect(config.ghl.companyId == "comp-1")
        #expect(config.ghl.agencyTokenEnv == nil)
    }
}
