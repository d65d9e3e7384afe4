import Foundation

/// Builders for the JSON `filters` of `POST /contacts/search`, so callers need not spell GHL's
/// undocumented filter shapes by hand.
public enum GHLSearchFilter {
    /// Contacts whose `dateUpdated` is at or after `date` (GHL's only server-side "changed since";
    /// overlap the window, as `dateUpdated` has millisecond precision and search lags writes).
    public static func updatedSince(_ date: Date) -> Data {
        let iso = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        return encode([["field": "dateUpdated", "operator": "range", "value": ["gte": iso]]])
    }

    /// Contacts whose custom field `fieldId` equals `value` (e.g. fgsync's external id field).
    public static func customField(_ fieldId: String, equals value: String) -> Data {
        encode([["field": "customFields.\(fieldId)", "operator": "eq", "value": value]])
    }

    /// Contacts whose `field` equals `value` (`email`, `phone`, `id` ...).
    public static func field(_ field: String, equals value: String) -> Data {
        encode([["field": field, "operator": "eq", "value": value]])
    }

    static func encode(_ filters: [[String: Any]]) -> Data {
        (try? JSONSerialization.data(
            withJSONObject: filters, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
    }
}
