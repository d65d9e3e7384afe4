extension ResolvedMapping {
    /// Whether a mapping may name `element`: a top-level field of a type that holds a contact value.
    public static func isMappable(_ element: FormElement) -> Bool {
        element.repeatable == nil && mappableTypes.contains(element.type)
    }
}
