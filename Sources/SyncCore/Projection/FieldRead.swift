import Foundation

/// One value as read from an API body: absent, usable text, or a JSON type the field cannot
/// hold (`{"email": {"$ne": 1}}`, `"phone": [1, 2]`, a number where a yes/no is stored).
///
/// A wrong type is never read as blank: blank would clear the field on the other side, or
/// leave a person unmatched and create them twice. It becomes a `FieldIssue` naming the field
/// and what was found, and the planner holds the field (or the unlinked record).
public enum FieldRead: Sendable, Hashable {
    /// No value (`null` or no key): the APIs' own spelling of an empty field.
    case absent
    /// A usable value.
    case text(String)
    /// A value of the wrong JSON type: what the field holds, and what was found.
    case wrongType(expected: String, found: String)

    /// The value as text when it is a string; `null`/missing is absent; anything else is a wrong type.
    static func string(_ value: Any?, expected: String = "text") -> FieldRead {
        switch value {
        case nil, is NSNull: .absent
        case let string as String: .text(string)
        case let value?: .wrongType(expected: expected, found: describe(value))
        }
    }

    /// A string, or a number taken as its digits (numeric text fields, a phone sent as a number).
    static func scalar(_ value: Any?, expected: String = "text") -> FieldRead {
        if let value, !isBool(value), let number = value as? NSNumber { return .text(number.stringValue) }
        return string(value, expected: expected)
    }

    /// What a JSON value is, for a message: `a number (12)`, `true`, `an array of 2 items`,
    /// `an object with keys a, b`, `null`.
    public static func describe(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "null"
        case let string as String: return "text \"\(string.prefix(40))\""
        case let list as [Any]: return list.count == 1 ? "an array of 1 item" : "an array of \(list.count) items"
        case let object as [String: Any]:
            let keys = object.keys.sorted().prefix(5).joined(separator: ", ")
            return object.isEmpty ? "an empty object" : "an object with keys \(keys)"
        case let value? where isBool(value): return "\(value as? Bool == true ? "true" : "false") (a boolean)"
        case let number as NSNumber: return "a number (\(number.stringValue))"
        case let value?: return "a \(type(of: value))"
        }
    }

    /// Whether a decoded JSON value is `true` or `false` (Foundation may box them as NSNumber).
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return value is Bool }
        return String(cString: number.objCType) == "c"
    }
}

extension FieldIssue {
    /// The issue for a value of the wrong JSON type in `field` on `side`.
    static func wrongType(field: String, expected: String, found: String, side: Side) -> FieldIssue {
        FieldIssue(
            field: field, value: found,
            reason: "expected \(expected), found \(found); fix the value in \(side == .fulcrum ? "Fulcrum" : "GHL") (or the integration that wrote it)")
    }
}

extension TagSet {
    /// The field name a tags issue is reported under (tags are not a mapped field).
    public static let issueField = "tags"
}
