import Foundation

/// A custom field's `field_value` checked against its definition's `dataType` and stored the
/// way the location returns it (ghl.md §6.2).
///
/// What the docs say: `field_value` is a string for TEXT, LARGE_TEXT, SINGLE_OPTIONS and RADIO, a
/// number for NUMERICAL and MONETORY, a list of strings for CHECKBOX and MULTIPLE_OPTIONS, an object
/// for FILE_UPLOAD. They are silent on what GHL does with a value of another type, on PHONE, EMAIL,
/// DATE and TEXTBOX_LIST values, on options missing from a picklist, and on the shape a DATE comes
/// back in. Where silent, the simulator takes the strict reading, so that a client sending a wrong
/// type is caught in tests rather than in production: a wrong JSON type is a 422; an option not in
/// the picklist is a 422; a DATE takes the formats `dateOfBirth` takes (or epoch milliseconds) and
/// comes back as `YYYY-MM-DDT00:00:00.000Z`, as `dateOfBirth` does on create; a number written to a
/// text type is stored as its digits, as the simulator always did.
enum GHLCustomFieldValue {
    /// The value to store (`nil` clears the field), or the 422 message.
    static func stored(_ value: JSONValue, definition: JSONValue) -> Result<JSONValue?, Message> {
        switch value {
        case .null, .string(""), .array([]): return .success(nil)
        default: break
        }
        let id = definition["id"]?.stringValue ?? ""
        let type = definition["dataType"]?.stringValue?.uppercased() ?? "TEXT"
        let options = (definition["picklistOptions"]?.arrayValue ?? []).compactMap(\.stringValue)
        func fail(_ expected: String) -> Result<JSONValue?, Message> {
            .failure(Message(text: "customFields.field_value must be \(expected) for \(type) field \(id)"))
        }
        switch type {
        case "NUMERICAL", "MONETORY":
            switch value {
            case .int, .double: return .success(value)
            default: return fail("a number")
            }
        case "CHECKBOX", "MULTIPLE_OPTIONS":
            guard let items = value.arrayValue else { return fail("an array of strings") }
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { return fail("an array of strings") }
            if !options.isEmpty, let unknown = strings.first(where: { !options.contains($0) }) {
                return fail("one of the field's options (\(options.joined(separator: ", "))), not \"\(unknown)\"")
            }
            return .success(.array(strings.map(JSONValue.string)))
        case "SINGLE_OPTIONS", "RADIO":
            guard let text = value.stringValue else { return fail("a string") }
            if !options.isEmpty, !options.contains(text) {
                return fail("one of the field's options (\(options.joined(separator: ", "))), not \"\(text)\"")
            }
            return .success(value)
        case "DATE":
            if case .int(let millis) = value {
                return .success(.string(TimeFormat.isoMillis(Int64(millis)).prefix(10) + "T00:00:00.000Z"))
            }
            guard let text = value.stringValue,
                let date = GHLContactInput.normalizeDate(text.count > 10 && text.dropFirst(10).first == "T" ? String(text.prefix(10)) : text)
            else { return fail("a date (YYYY-MM-DD)") }
            return .success(.string(date))
        case "FILE_UPLOAD":
            return value.objectValue == nil ? fail("an object") : .success(value)
        default:
            // TEXT, LARGE_TEXT, PHONE, EMAIL, TEXTBOX_LIST and unknown types hold text.
            switch value {
            case .string: return .success(value)
            case .int(let number): return .success(.string(String(number)))
            case .double(let number): return .success(.string(String(number)))
            case .bool(let flag): return .success(.string(String(flag)))
            case .array, .object, .null: return fail("a string")
            }
        }
    }

    /// A 422 message.
    struct Message: Error {
        var text: String
    }
}
