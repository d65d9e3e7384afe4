extension FieldConversion {
    /// Whether `element` (its `part`, for an AddressField) may map to `ghl` as the config loader
    /// would accept it: the same matrix and the same refusals as `ResolvedMapping`, for tools that
    /// propose a mapping (`fgsync init`) and must never propose one the loader refuses.
    ///
    /// - Throws: the loader's `SyncCoreError`, naming both types and the nearest supported choice.
    public static func pairing(
        element: FormElement, part: String? = nil, ghl: GHLFieldRef, definition: GHLCustomField?, direction: SyncDirection
    ) throws -> FieldConversion {
        try resolve(path: "fields", element: element, part: part, ghl: ghl, definition: definition, direction: direction)
    }

    /// Whether values of `element` never flow into Fulcrum (calculated and classification fields).
    public static func isReadOnlyInFulcrum(_ element: FormElement) -> Bool {
        let (source, _) = Self.source(of: element, part: nil)
        return source == .calculated || source == .classification
    }

    /// The GHL custom field types a Fulcrum element could map to, as people read them
    /// (`NUMERICAL or MONETORY field, or TEXT or LARGE_TEXT field`), for a proposal's comments.
    public static func suggestedGHLTypes(for element: FormElement, part: String? = nil) -> String {
        let (source, _) = Self.source(of: element, part: part)
        return supported[source, default: []].map(ghlNames).joined(separator: ", or ")
    }
}
