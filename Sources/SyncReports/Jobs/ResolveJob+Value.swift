import Foundation
import SyncCore

extension ResolveJob {
    /// The decision for a value a person typed (`fgsync resolve --value V`, or the console's
    /// "type a value"): trimmed, and an empty value clears the field.
    public static func choice(typed value: String) -> ConflictDecision.Choice {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return .value(trimmed.isEmpty ? nil : FieldValue(canonical: trimmed, text: trimmed))
    }
}
