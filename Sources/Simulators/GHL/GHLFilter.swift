import Foundation

/// A parsed search filter tree: items and AND/OR groups.
///
/// Operators: `eq`, `not_eq`, `contains`, `not_contains`, `exists`, `not_exists`, `range` (with
/// `{gte,lte,gt,lt}` or `{low,high}`); `gt`/`gte`/`lt`/`lte` as operators are accepted too, as one
/// community client sends them. Dates compare as epoch ms (ISO strings or numbers).
indirect enum GHLFilter: Sendable {
    case all([GHLFilter])
    case any([GHLFilter])
    case item(field: String, op: String, value: JSONValue)

    static let textFields: Set<String> = [
        "id", "contactName", "firstNameLowerCase", "lastNameLowerCase", "firstName", "lastName", "email",
        "phone",
        "address", "address1", "city", "state", "country", "postalCode", "businessName", "companyName",
        "website",
        "source", "assignedTo", "tags", "timezone", "type", "dnd", "dateOfBirth", "businessId", "followers",
    ]
    static let dateFields: Set<String> = ["dateAdded", "dateUpdated"]
    static let operators: Set<String> = [
        "eq", "not_eq", "contains", "not_contains", "exists", "not_exists", "range", "gt", "gte", "lt", "lte",
    ]

    static func parseList(_ items: [JSONValue], group: String) throws(SimError) -> GHLFilter {
        var parsed: [GHLFilter] = []
        for item in items { parsed.append(try parse(item)) }
        return group == "OR" ? .any(parsed) : .all(parsed)
    }

    static func parse(_ value: JSONValue) throws(SimError) -> GHLFilter {
        guard let object = value.objectValue else {
            throw GHLErrors.unprocessable(["filters must be objects"])
        }
        if let group = object["group"]?.stringValue {
            guard group == "AND" || group == "OR" else {
                throw GHLErrors.unprocessable(["group must be one of the following values: AND, OR"])
            }
            return try parseList(object["filters"]?.arrayValue ?? [], group: group)
        }
        guard let field = object["field"]?.stringValue else {
            throw GHLErrors.unprocessable(["filters.field should not be empty"])
        }
        guard let op = object["operator"]?.stringValue, operators.contains(op) else {
            throw GHLErrors.unprocessable([
                "filters.operator must be one of: \(operators.sorted().joined(separator: ", "))"
            ])
        }
        let isCustom = field.hasPrefix("customFields.") || field.hasPrefix("customField.")
        guard textFields.contains(field) || dateFields.contains(field) || isCustom else {
            throw GHLErrors.unprocessable(["filters.field \(field) is not supported"])
        }
        if (op == "contains" || op == "not_contains") && (field == "email" || field == "website") {
            throw GHLErrors.unprocessable(["operator \(op) is not supported for field \(field)"])
        }
        let operand = object["value"] ?? .null
        if op != "exists" && op != "not_exists" && operand.isNull {
            throw GHLErrors.unprocessable(["filters.value should not be empty"])
        }
        if let text = operand.stringValue, text.count > 75 {
            throw GHLErrors.unprocessable(["filters.value must be shorter than or equal to 75 characters"])
        }
        if op == "range" && operand.objectValue == nil {
            throw GHLErrors.unprocessable(["range value must be an object"])
        }
        return .item(field: field, op: op, value: operand)
    }

    func matches(_ contact: GHLContact) -> Bool {
        switch self {
        case .all(let filters): return filters.allSatisfy { $0.matches(contact) }
        case .any(let filters): return filters.isEmpty || filters.contains { $0.matches(contact) }
        case .item(let field, let op, let value): return Self.evaluate(contact, field, op, value)
        }
    }

    static func values(_ contact: GHLContact, _ field: String) -> [String] {
        func one(_ name: String) -> [String] { contact.string(name).map { [$0] } ?? [] }
        switch field {
        case "firstNameLowerCase": return one("firstName").map { $0.lowercased() }
        case "lastNameLowerCase": return one("lastName").map { $0.lowercased() }
        case "contactName": return contact.fullNameLowerCase.map { [$0] } ?? []
        case "businessName", "companyName": return one("companyName")
        case "address": return one("address1")
        case "tags": return contact.tags
        case "followers": return contact.followers
        case "dnd": return [contact.fields["dnd"]?.boolValue == true ? "true" : "false"]
        case "id": return [contact.id]
        default:
            if field.hasPrefix("customField") {
                let id = String(field.split(separator: ".", maxSplits: 1).last ?? "")
                switch contact.customFields[id] {
                case .string(let text)?: return [text]
                case .int(let number)?: return [String(number)]
                case .double(let number)?: return [String(number)]
                case .array(let items)?: return items.compactMap(\.stringValue)
                default: return []
                }
            }
            return one(field)
        }
    }

    static func millis(_ value: JSONValue?) -> Int64? {
        guard let value else { return nil }
        if let number = value.doubleValue { return SafeInteger.int64(number) }
        return value.stringValue.flatMap(TimeFormat.parseISO)
    }

    static func evaluate(_ contact: GHLContact, _ field: String, _ op: String, _ value: JSONValue) -> Bool {
        if dateFields.contains(field) {
            let actual = field == "dateAdded" ? contact.dateAdded : contact.dateUpdated
            switch op {
            case "exists": return true
            case "not_exists": return false
            case "eq": return millis(value) == actual
            case "not_eq": return millis(value) != actual
            case "gt": return millis(value).map { actual > $0 } ?? false
            case "gte": return millis(value).map { actual >= $0 } ?? false
            case "lt": return millis(value).map { actual < $0 } ?? false
            case "lte": return millis(value).map { actual <= $0 } ?? false
            case "range":
                if let low = millis(value["gte"] ?? value["low"]), actual < low { return false }
                if let high = millis(value["lte"] ?? value["high"]), actual > high { return false }
                if let low = millis(value["gt"]), actual <= low { return false }
                if let high = millis(value["lt"]), actual >= high { return false }
                return true
            default: return false
            }
        }
        let actual = values(contact, field).map { $0.lowercased() }
        let wanted: [String] = (value.arrayValue ?? [value]).compactMap { item in
            if let text = item.stringValue {
                return field == "phone" ? PhoneNormalizer.e164(text).lowercased() : text.lowercased()
            }
            if let flag = item.boolValue { return flag ? "true" : "false" }
            if let number = item.intValue { return String(number) }
            return nil
        }
        switch op {
        case "eq": return actual.contains { wanted.contains($0) }
        case "not_eq": return !actual.contains { wanted.contains($0) }
        case "contains": return actual.contains { a in wanted.contains { a.contains($0) } }
        case "not_contains": return !actual.contains { a in wanted.contains { a.contains($0) } }
        case "exists": return actual.contains { !$0.isEmpty }
        case "not_exists": return !actual.contains { !$0.isEmpty }
        case "gt", "gte", "lt", "lte", "range":
            return false
        default: return false
        }
    }
}
