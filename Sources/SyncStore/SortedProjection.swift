import SyncCore

/// A projection with its fields and tags sorted by key, once: the codec (`ProjectionCodec`)
/// and the digest (`AgreementDigest`) both walk them in key order, and a snapshot encodes both
/// for every record it lists.
struct SortedProjection {
    let state: RecordState
    /// The fields by key.
    let fields: [(key: String, value: FieldValue)]
    /// Each tag's folded key and spelling, by folded key.
    let tags: [(key: String, value: String)]

    init(_ state: RecordState) {
        self.state = state
        fields = Self.fields(state.fields)
        tags = Self.tags(state.tags)
    }

    static func fields(_ fields: [String: FieldValue]) -> [(key: String, value: FieldValue)] {
        fields.sorted { $0.key < $1.key }
    }

    static func tags(_ tags: TagSet) -> [(key: String, value: String)] {
        tags.spellings.sorted { $0.key < $1.key }
    }
}
