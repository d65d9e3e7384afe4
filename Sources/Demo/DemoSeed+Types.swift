import Foundation
import FulcrumAPI
import HighLevelAPI
import Simulators

/// The demo's typed fields: some records start with a value in each (an address, dates, yes/no,
/// choices, numbers, a link), and between the runs both sides change a few of them, so the tour
/// shows every field type moving, in each side's own type.
extension DemoSeed {
    /// `record` with typed values added for every third person.
    func withTypedValues(_ record: JSONValue, _ index: Int) -> JSONValue {
        guard index % 3 == 0, var object = record.objectValue, var values = object["form_values"]?.objectValue else { return record }
        let keys = sims.formKeys
        let levels = ["gold", "silver", "bronze"]
        let typed: [String: JSONValue] = [
            "employees": .string("\(10 + index)"),
            "annual_value": .string("\(1000 + index * 25).50"),
            "member_level": ["choice_values": [.string(levels[index % 3])], "other_values": []],
            "interests": ["choice_values": index % 2 == 0 ? ["boats", "trains"] : ["planes"], "other_values": []],
            "newsletter": index % 2 == 0 ? "yes" : "no",
            "vip": index % 4 == 0 ? "yes" : "no",
            "birth_date": .string("19\(60 + index % 40)-0\(1 + index % 9)-1\(index % 10)"),
            "renewal_date": "2027-01-15",
            "website": .string("https://example.com/people/\(index)"),
            "address": [
                "thoroughfare": .string("\(index) Market St"), "locality": "San Francisco", "admin_area": "CA",
                "postal_code": "94103", "country": index % 2 == 0 ? "United States" : "US",
            ],
        ]
        for (name, value) in typed { if let key = keys[name] { values[key] = value } }
        object["form_values"] = .object(values)
        return .object(object)
    }

    /// Typed edits between the runs on `pairs` (record id, contact id): Fulcrum changes numbers,
    /// choices and the country; GHL changes options, a date and a yes/no in its own types.
    func editTypes(_ pairs: ArraySlice<(String, String)>) async throws -> Int {
        let keys = sims.formKeys
        var count = 0
        for (offset, (recordId, contactId)) in pairs.enumerated() {
            if offset % 2 == 0 {
                let values: [String: Any] = [
                    keys["employees"] ?? "": "\(50 + offset)",
                    keys["member_level"] ?? "": ["choice_values": ["gold"], "other_values": []],
                    keys["interests"] ?? "": ["choice_values": ["planes", "trains"], "other_values": []],
                    keys["address"] ?? "": ["thoroughfare": "\(offset) Mission St", "locality": "San Francisco", "country": "Canada"],
                ]
                let body = try JSONSerialization.data(withJSONObject: ["form_values": values])
                _ = try await sims.fulcrumClient.patchRecord(id: recordId, json: body)
            } else {
                let custom: [[String: Any]] = [
                    ["key": "member_level", "field_value": "Bronze"],
                    ["key": "newsletter", "field_value": ["No"]],
                    ["key": "renewal_date", "field_value": "2028-03-01"],
                    ["key": "annual_value", "field_value": 2500.75],
                ]
                let body = try JSONSerialization.data(withJSONObject: ["customFields": custom, "dateOfBirth": "1970-07-04"])
                _ = try await sims.ghlClient.updateContact(id: contactId, json: body)
            }
            count += 1
        }
        return count
    }
}
