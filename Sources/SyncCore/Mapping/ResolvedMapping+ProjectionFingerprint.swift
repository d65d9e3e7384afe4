extension ResolvedMapping {
    /// The version of the projection code (`FulcrumProjection`, `GHLProjection`, the
    /// normalisers and conversions). Bump it with any change to what a record projects to:
    /// mirror rows projected by older code are then projected again by the next full snapshot.
    /// `ProjectionCodeVersionTests` records what every scenario projects to under each version
    /// and fails when that changes under the same one.
    static let projectionCodeVersion = 1

    /// A fingerprint of everything a record's projection depends on besides its raw JSON:
    /// the link and tags elements, every mapped field as resolved (element with its choices,
    /// address part, kind, GHL field id, direction and conversion with its options), the phone
    /// region, `mappingHash`, and `projectionCodeVersion`.
    ///
    /// A full snapshot keeps a listed record whose raw JSON equals the mirror's without
    /// projecting it only while the mirror's rows were all projected under this fingerprint;
    /// wider than `mappingHash` (which decides whether the base is trusted) on purpose, since a
    /// projection kept by mistake would hide a change. Every part is text or an ordered list,
    /// so the same mapping gives the same fingerprint in every process.
    public var projectionFingerprint: String {
        var text = "projection v\(Self.projectionCodeVersion)|\(mappingHash)|region:\(normaliser.phoneRegion)"
        text += "|link:\(String(reflecting: linkElement))|\(ghlLinkFieldId)|\(config.fulcrumLinkField)"
        text += "|tags:\(tagsElement.map { String(reflecting: $0) } ?? "-")"
        for field in fields { text += "|\(String(reflecting: field))" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return "p\(Self.projectionCodeVersion)-" + String(hash, radix: 16)
    }
}
