import Foundation

/// A validated contact write body (create, update or upsert).
///
/// Validation follows the NestJS/class-validator behaviour of the real API: unknown properties
/// are rejected ("property X should not exist"), wrong types give one message each, and all
/// messages come back together in a 422 whose `message` is an array.
struct GHLContactInput: Sendable {
    /// Scalar/object fields to set; `.null` clears.
    var fields: [String: JSONValue] = [:]
    /// Replacement tag list, when given.
    var tags: [String]?
    /// Custom field writes: id or key with the new value.
    var customFields: [(ref: String, value: JSONValue)]?
    /// `locationId` from the body.
    var locationId: String?
    /// Upsert flag.
    var createNewIfDuplicateAllowed = false

    static let stringFields: Set<String> = [
        "firstName", "lastName", "name", "email", "phone", "address1", "city", "state", "postalCode",
        "website",
        "timezone", "source", "dateOfBirth", "country", "companyName", "assignedTo", "gender",
    ]
    static let objectFields: Set<String> = ["dndSettings", "inboundDndSettings"]
    static let createKeys: Set<String> = stringFields.union(objectFields).union([
        "locationId", "dnd", "tags", "customFields",
    ])
    static let updateKeys: Set<String> = createKeys.subtracting(["locationId"])
    static let upsertKeys: Set<String> = createKeys.union(["createNewIfDuplicateAllowed"])

    enum Kind { case create, update, upsert }

    /// Validates a parsed body; throws the list of messages.
    static func parse(_ body: JSONValue, kind: Kind) -> Result<GHLContactInput, GHLValidationFailure> {
        guard let object = body.objectValue else {
            return .failure(GHLValidationFailure(messages: ["body must be an object"]))
        }
        let allowed: Set<String> = kind == .create ? createKeys : kind == .update ? updateKeys : upsertKeys
        var messages: [String] = []
        var input = GHLContactInput()
        for key in object.keys.sorted() where !allowed.contains(key) {
            messages.append("property \(key) should not exist")
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) where allowed.contains(key) {
            switch key {
            case "locationId":
                if let text = value.stringValue, !text.isEmpty {
                    input.locationId = text
                } else {
                    messages.append("locationId must be a string")
                }
            case "dnd":
                if value.boolValue == nil && !value.isNull {
                    messages.append("dnd must be a boolean value")
                } else {
                    input.fields["dnd"] = value
                }
            case "createNewIfDuplicateAllowed":
                if let flag = value.boolValue {
                    input.createNewIfDuplicateAllowed = flag
                } else {
                    messages.append("createNewIfDuplicateAllowed must be a boolean value")
                }
            case "tags":
                guard let items = value.arrayValue else {
                    messages.append("tags must be an array")
                    continue
                }
                let strings = items.compactMap(\.stringValue)
                if strings.count != items.count {
                    messages.append("each value in tags must be a string")
                } else {
                    input.tags = strings
                }
            case "customFields":
                guard let items = value.arrayValue else {
                    messages.append("customFields must be an array")
                    continue
                }
                var writes: [(String, JSONValue)] = []
                for item in items {
                    guard let field = item.objectValue else {
                        messages.append("each value in customFields must be an object")
                        break
                    }
                    guard let ref = field["id"]?.stringValue ?? field["key"]?.stringValue else {
                        messages.append("customFields.id or customFields.key must be a string")
                        break
                    }
                    writes.append((ref, field["field_value"] ?? field["value"] ?? .null))
                }
                input.customFields = writes
            case _ where objectFields.contains(key):
                if value.objectValue == nil && !value.isNull {
                    messages.append("\(key) must be an object")
                } else if let problem = dndProblem(key, value) {
                    messages.append(problem)
                } else {
                    input.fields[key] = value
                }
            default:
                guard value.stringValue != nil || value.isNull else {
                    messages.append("\(key) must be a string")
                    continue
                }
                if key == "email", let email = value.stringValue, !email.isEmpty, !isEmail(email) {
                    messages.append("email must be an email")
                    continue
                }
                if key == "dateOfBirth", let text = value.stringValue, !text.isEmpty {
                    guard let normalized = normalizeDate(text) else {
                        messages.append("dateOfBirth must be a valid date")
                        continue
                    }
                    input.fields[key] = .string(normalized)
                    continue
                }
                input.fields[key] = value
            }
        }
        if kind != .update && input.locationId == nil
            && !messages.contains(where: { $0.hasPrefix("locationId") })
        {
            messages.append("locationId should not be empty")
        }
        return messages.isEmpty ? .success(input) : .failure(GHLValidationFailure(messages: messages))
    }

    /// Checks `dndSettings` (`{Call|Email|SMS|WhatsApp|GMB|FB|RCS: {status, message?, code?}}`) and
    /// `inboundDndSettings` (`{all: {status, message?}}`).
    static func dndProblem(_ key: String, _ value: JSONValue) -> String? {
        guard let object = value.objectValue else { return nil }
        let channels: Set<String> =
            key == "dndSettings" ? ["Call", "Email", "SMS", "WhatsApp", "GMB", "FB", "RCS"] : ["all"]
        let statuses: Set<String> =
            key == "dndSettings" ? ["active", "inactive", "permanent"] : ["active", "inactive"]
        for (channel, setting) in object {
            guard channels.contains(channel) else { return "\(key).property \(channel) should not exist" }
            guard let status = setting["status"]?.stringValue, statuses.contains(status) else {
                return
                    "\(key).\(channel).status must be one of the following values: \(statuses.sorted().joined(separator: ", "))"
            }
            for field in ["message", "code"] where setting[field] != nil && setting[field]?.stringValue == nil
            {
                return "\(key).\(channel).\(field) must be a string"
            }
        }
        return nil
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !text.contains(" ")
        else { return false }
        return true
    }

    /// Accepts the documented date-of-birth formats; returns `YYYY-MM-DDT00:00:00.000Z`.
    static func normalizeDate(_ text: String) -> String? {
        let numbers = text.split(whereSeparator: { "/-._".contains($0) }).map(String.init)
        guard numbers.count == 3, numbers.allSatisfy({ Int($0) != nil }) else { return nil }
        let (year, month, day): (Int, Int, Int) =
            numbers[0].count == 4
            ? (Int(numbers[0])!, Int(numbers[1])!, Int(numbers[2])!)
            : (Int(numbers[2])!, Int(numbers[0])!, Int(numbers[1])!)
        guard (1...12).contains(month), (1...31).contains(day), (1800...9999).contains(year) else {
            return nil
        }
        func pad(_ number: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T00:00:00.000Z"
    }
}
