/// The default form's fields of every type that holds contact data beyond text: an address, a
/// date, yes/no fields, a single and a multiple choice, numeric text, a link. Each maps to a GHL
/// field of the matching type (`GHLDefaultCustomFields`, standard fields) in the config
/// `fgsync simulate --write-config` writes.
extension FulcrumDefaultForm {
    static let typedKeys: [String: String] = [
        "address": "4d01", "birth_date": "4d02", "newsletter": "4d03", "member_level": "4d04", "employees": "4d05",
        "website": "4d06", "interests": "4d07", "vip": "4d08", "renewal_date": "4d09", "annual_value": "4d0a",
    ]

    static func typedElements(text: [String: JSONValue]) -> [JSONValue] {
        let yesNo: [String: JSONValue] = [
            "positive": ["label": "Yes", "value": "yes"], "negative": ["label": "No", "value": "no"],
            "neutral": ["label": "N/A", "value": "n/a"], "neutral_enabled": false,
        ]
        let numeric = text.merging(["numeric": true, "format": "decimal"]) { $1 }
        return [
            element("AddressField", "address", "Address", extra: ["auto_populate": false]),
            element("DateField", "birth_date", "Date of Birth"),
            element("YesNoField", "newsletter", "Newsletter", extra: yesNo),
            element(
                "ChoiceField", "member_level", "Member Level",
                extra: [
                    "multiple": false, "allow_other": true, "choice_list_id": nil,
                    "choices": [
                        ["label": "Gold", "value": "gold"], ["label": "Silver", "value": "silver"],
                        ["label": "Bronze", "value": "bronze"],
                    ],
                ]),
            element("TextField", "employees", "Employees", extra: numeric),
            element("HyperlinkField", "website", "Website", extra: ["default_url": nil]),
            element(
                "ChoiceField", "interests", "Interests",
                extra: [
                    "multiple": true, "allow_other": false, "choice_list_id": nil,
                    "choices": [
                        ["label": "Boats", "value": "boats"], ["label": "Planes", "value": "planes"],
                        ["label": "Trains", "value": "trains"],
                    ],
                ]),
            element("YesNoField", "vip", "VIP", extra: yesNo),
            element("DateField", "renewal_date", "Renewal Date"),
            element("TextField", "annual_value", "Annual Value", extra: numeric),
        ]
    }

    /// The mapping entries of `fgsync simulate --write-config` for these fields, as YAML lines.
    static let typedMappingYAML = """
          - { fulcrum: address.street, ghl: address1 }
          - { fulcrum: address.locality, ghl: city }
          - { fulcrum: address.admin_area, ghl: state }
          - { fulcrum: address.postal_code, ghl: postalCode }
          - { fulcrum: address.country, ghl: country }
          - { fulcrum: birth_date, ghl: dateOfBirth }
          - { fulcrum: website, ghl: website }
          - { fulcrum: employees, ghl_custom_field: employees }
          - { fulcrum: annual_value, ghl_custom_field: annual_value }
          - { fulcrum: member_level, ghl_custom_field: member_level }
          - { fulcrum: interests, ghl_custom_field: interests }
          - { fulcrum: newsletter, ghl_custom_field: newsletter }
          - { fulcrum: vip, ghl_custom_field: vip }
          - { fulcrum: renewal_date, ghl_custom_field: renewal_date }

        """
}
