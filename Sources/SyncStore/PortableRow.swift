import Foundation

/// Rows of the state file as every backend stores them, for `exportRows`: a packed projection
/// or base state (`PackedBlob`) leaves as the codec's bytes, and the raw JSON packed with a
/// mirror row's projection is compressed on its own again into its `raw` column, against the
/// row's `raw_dict`.
struct PortableRow {
    private let projection: Int?
    private let state: Int?
    private let raw: Int?
    private let rawDictionary: Int?
    private let unpacker: BlobUnpacker
    private let dictionaries: (Int64) throws -> [UInt8]
    private var compressors: [Int64: RawCompressor] = [:]

    /// Rows of `columns`, unpacked with `unpacker`; `dictionaries` finds a raw dictionary by id.
    init(columns: [String], unpacker: BlobUnpacker, dictionaries: @escaping (Int64) throws -> [UInt8]) {
        projection = columns.firstIndex(of: "projection")
        state = columns.firstIndex(of: "state")
        raw = columns.firstIndex(of: "raw")
        rawDictionary = columns.firstIndex(of: "raw_dict")
        self.unpacker = unpacker
        self.dictionaries = dictionaries
    }

    /// `values` (one row, in the order of `columns`) as a copy stores them.
    mutating func values(_ values: [StateValue]) throws -> [StateValue] {
        var values = values
        if let state, case .blob(let data) = values[state], PackedBlob.isPacked(data) {
            values[state] = .blob(try unpacker.bytes(data))
        }
        guard let projection, case .blob(let data) = values[projection], PackedBlob.isPacked(data) else { return values }
        let parts = try unpacker.parts(data)
        values[projection] = .blob(parts.codec)
        if let raw, let rawDictionary, case .blob(let stored) = values[raw], stored.isEmpty,
            case .integer(let id) = values[rawDictionary]
        {
            let compressor = try compressors[id] ?? RawCompressor(dictionary: dictionaries(id))
            compressors[id] = compressor
            values[raw] = .blob(Data(try compressor.compress(parts.raw)))
        }
        return values
    }
}
