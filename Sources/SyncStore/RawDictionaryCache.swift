import Foundation
import GRDB
import SyncCore

/// The `raw_dictionaries` of one state file, read once and kept: each side's current dictionary
/// (the one new rows are compressed with) and every dictionary by id (rows keep the one they
/// were compressed with, so a dictionary is never changed or removed).
// @unchecked Sendable: the two maps are only touched while holding `lock`.
final class RawDictionaryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var byId: [Int64: [UInt8]] = [0: []]
    private var current: [Side: Int64] = [:]

    /// The dictionary stored as `id` (0: none).
    func bytes(_ id: Int64, _ db: Database) throws -> [UInt8] {
        if let known = lock.withLock({ byId[id] }) { return known }
        guard let data = try Data.fetchOne(db, sql: "SELECT bytes FROM raw_dictionaries WHERE id = ?", arguments: [id]) else {
            throw RawCodecError.unknownDictionary(id)
        }
        let bytes = [UInt8](data)
        lock.withLock { byId[id] = bytes }
        return bytes
    }

    /// `side`'s current dictionary, if it is known without reading the file.
    func cachedCurrent(_ side: Side) -> (id: Int64, bytes: [UInt8])? {
        lock.withLock { current[side].flatMap { id in byId[id].map { (id, $0) } } }
    }

    /// `side`'s current dictionary as the file holds it, or `nil` when the side has none yet
    /// (see `SQLiteStateStore.rawDictionary(for:samples:)`, which makes one).
    func current(_ side: Side, _ db: Database) throws -> (id: Int64, bytes: [UInt8])? {
        if let known = cachedCurrent(side) { return known }
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, bytes FROM raw_dictionaries WHERE side = ? ORDER BY id DESC LIMIT 1", arguments: [side.rawValue])
        else { return nil }
        return remember(side, id: row[0], bytes: [UInt8](row[1] as Data))
    }

    func remember(_ side: Side, id: Int64, bytes: [UInt8]) -> (id: Int64, bytes: [UInt8]) {
        lock.withLock {
            byId[id] = bytes
            current[side] = id
        }
        return (id, bytes)
    }
}
