/// The custom fields the simulated location starts with: one of every `dataType` GHL lists
/// (ghl.md §6.2), with picklists where the type has one. `fgsync simulate --write-config` maps
/// the Fulcrum default form's typed fields to them by key, so the demo shows each type moving.
enum GHLDefaultCustomFields {
    static func field(_ id: String, _ name: String, _ key: String, _ type: String, _ options: [String] = [], position: Int)
        -> JSONValue
    {
        [
            "id": .string(id), "name": .string(name), "fieldKey": .string("contact.\(key)"), "dataType": .string(type),
            "placeholder": "", "position": .int(position), "picklistOptions": .array(options.map(JSONValue.string)),
            "model": "contact",
        ]
    }

    /// The definitions, after the link field (ids are 20 characters, as GHL's are).
    static let definitions: [JSONValue] = [
        field("fgSimCfEmployees0001", "Employees", "employees", "NUMERICAL", position: 50),
        field("fgSimCfAnnualValue01", "Annual value", "annual_value", "MONETORY", position: 100),
        field("fgSimCfNickname00001", "Nickname", "nickname", "TEXT", position: 150),
        field("fgSimCfBackground001", "Background", "background", "LARGE_TEXT", position: 200),
        field("fgSimCfOtherPhone001", "Other phone", "other_phone", "PHONE", position: 250),
        field("fgSimCfOtherEmail001", "Other email", "other_email", "EMAIL", position: 300),
        field("fgSimCfRenewalDate01", "Renewal date", "renewal_date", "DATE", position: 350),
        field("fgSimCfNewsletter001", "Newsletter", "newsletter", "CHECKBOX", ["Yes", "No"], position: 400),
        field("fgSimCfMemberLevel01", "Member level", "member_level", "SINGLE_OPTIONS", ["Gold", "Silver", "Bronze"], position: 450),
        field("fgSimCfInterests0001", "Interests", "interests", "MULTIPLE_OPTIONS", ["Boats", "Planes", "Trains"], position: 500),
        field("fgSimCfVip0000000001", "VIP", "vip", "RADIO", ["Yes", "No"], position: 550),
        field("fgSimCfLinks00000001", "Links", "links", "TEXTBOX_LIST", ["Site", "Blog"], position: 600),
        field("fgSimCfContract00001", "Contract", "contract", "FILE_UPLOAD", position: 650),
        field("fgSimCfSignature0001", "Signature", "signature", "SIGNATURE", position: 700),
    ]
}
