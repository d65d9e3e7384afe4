import GRDB

/// Schema `v7-packed-projections`: projections and base states may be packed (`PackedBlob`:
/// compressed against the side's trained dictionary).
///
/// Nothing is rewritten: a row keeps the codec's bytes until it next changes, and readers
/// take both. The migration exists so that an older fgsync, which cannot read a packed blob,
/// refuses the file as "written by a newer fgsync" instead of failing on its first packed row.
/// Released migrations are never edited.
enum SchemaV7PackedProjections {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: "UPDATE meta SET value = ? WHERE key = 'projection_codec'", arguments: ["fgsync-bin1+packed"])
    }
}
