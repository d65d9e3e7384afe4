import Foundation
import PostgresNIO
import SyncCore
import SyncStore

/// The `raw_dictionaries` of one sync's schema, read once and kept (as `RawDictionaryCache`
/// does for a state file): each side's current dictionary and every dictionary by id.
// @unchecked Sendable: the two maps are only touched while holding `lock`.
final class PostgresRawDictionaries: @unchecked Sendable {
    private let lock = NSLock()
    private var byId: [Int64: [UInt8]] = [0: []]
    private var current: [Side: Int64] = [:]

    /// The dictionary stored as `id` (0: none).
    func bytes(_ id: Int64, _ tx: PostgresTransaction) async throws -> [UInt8] {
        if let known = lock.withLock({ byId[id] }) { return known }
        guard let data = try await tx.value("SELECT bytes FROM raw_dictionaries WHERE id = \(id)", as: Data.self) else {
            throw RawCodecError.unknownDictionary(id)
        }
        let bytes = [UInt8](data)
        lock.withLock { byId[id] = bytes }
        return bytes
    }

    /// `side`'s current dictionary, if it is known without reading the database.
    func cachedCurrent(_ side: Side) -> (id: Int64, bytes: [UInt8])? {
        lock.withLock { current[side].flatMap { id in byId[id].map { (id, $0) } } }
    }

    /// `side`'s current dictionary as stored, or `nil` when the side has none yet.
    func current(_ side: Side, _ tx: PostgresTransaction) async throws -> (id: Int64, bytes: [UInt8])? {
        if let known = cachedCurrent(side) { return known }
        guard let row = try await tx.rows(
            "SELECT id, bytes FROM raw_dictionaries WHERE side = \(side.rawValue) ORDER BY id DESC LIMIT 1").first
        else { return nil }
        let (id, data) = try row.decode((Int64, Data).self)
        return remember(side, id: id, bytes: [UInt8](data))
    }

    func remember(_ side: Side, id: Int64, bytes: [UInt8]) -> (id: Int64, bytes: [UInt8]) {
        lock.withLock {
            byId[id] = bytes
            current[side] = id
        }
        return (id, bytes)
    }
}
