import Foundation
import HTTPTypes
import HummingbirdTesting
import Simulators
import Testing

/// Several forms in one simulated organisation (`fgsync simulate --locations N`).
struct FulcrumFormsTests {
    static func simulator() async -> FulcrumSimulator {
        await Fixture.fulcrum { $0.formCount = 3 }
    }

    @Test func theOrganisationHasOneDefaultFormPerSync() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let forms = try await client.fulcrum(.get, "/api/v2/forms").json["forms"]?.arrayValue ?? []
            #expect(Set(forms.compactMap { $0["id"]?.stringValue }) == Set(FulcrumOptions.threeForms))
            #expect(Set(forms.compactMap { $0["name"]?.stringValue }) == ["Contacts", "Contacts 2", "Contacts 3"])
        }
    }

    @Test func recordsAreListedOnlyUnderTheirOwnForm() async throws {
        let sim = await Self.simulator()
        try await sim.application().test(.live) { client in
            let second = FulcrumOptions.threeForms[1]
            let created = try await client.fulcrum(
                .post, "/api/v2/records", ["record": ["form_id": .string(second), "form_values": [:]]])
            #expect(created.status == 200)
            let mine = try await client.fulcrum(.get, "/api/v2/records?form_id=\(second)").json["records"]?.arrayValue ?? []
            let other = try await client.fulcrum(.get, "/api/v2/records?form_id=\(Fixture.formId)").json["records"]?.arrayValue ?? []
            #expect(mine.count == 1)
            #expect(other.isEmpty)
        }
    }

    @Test func everyFormSharesTheOrganisationsHourlyBudget() async throws {
        let sim = await Fixture.fulcrum {
            $0.formCount = 2
            $0.hourlyLimit = 2
        }
        try await sim.application().test(.live) { client in
            let first = try await client.fulcrum(.get, "/api/v2/records?form_id=\(FulcrumOptions.threeForms[0])")
            let second = try await client.fulcrum(.get, "/api/v2/records?form_id=\(FulcrumOptions.threeForms[1])")
            let third = try await client.fulcrum(.get, "/api/v2/records?form_id=\(FulcrumOptions.threeForms[1])")
            let statuses: [Int] = [first.status, second.status, third.status]
            #expect(statuses == [200, 200, 429])
        }
    }
}

extension FulcrumOptions {
    static let threeForms: [String] = {
        var options = FulcrumOptions()
        options.formCount = 3
        return options.formIds
    }()
}
