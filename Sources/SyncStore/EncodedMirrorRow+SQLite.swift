import Foundation
import GRDB
import GRDBSQLite

extension EncodedMirrorRow {
    /// Runs the mirror upsert `statement` (its 8 parameters in `upsertEncoded`'s order) for
    /// `rows[index]`, whose raw JSON must be compressed (`compressedRaw`).
    ///
    /// Each column is read where it lies: calling a method on `rows[index]` copied the row
    /// (retaining each of its buffers) first.
    ///
    /// A snapshot writes a million rows through one statement; GRDB's `execute(arguments:)`
    /// boxes each row's values into an argument array and binds them through nested closures,
    /// which cost the writer about as much as SQLite's own insert. Here the texts and blobs are
    /// bound in place (`SQLITE_STATIC`) for the one step and unbound right after it, so SQLite
    /// never keeps a pointer into a Swift buffer.
    static func insert(_ rows: [EncodedMirrorRow], at index: Int, with statement: Statement) throws {
        guard let compressed = rows[index].compressedRaw else {
            preconditionFailure("upsertEncoded needs compressed rows (compressRaw)")
        }
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let idLength = CInt(rows[index].id.utf8.count)
        let dictionaryId = rows[index].dictionaryId
        let rawHash = rows[index].rawHash
        let updatedAtMs = rows[index].updatedAtMs
        let version = rows[index].version
        let code: CInt = rows[index].id.withCString { id in
            rows[index].projection.withUnsafeBytes { projection in
                compressed.withUnsafeBytes { compressed in
                    Self.withOptionalBytes(rows[index].digest) { digest in
                        sqlite3_bind_text(handle, 1, id, idLength, nil)
                        sqlite3_bind_blob(handle, 2, projection.baseAddress, CInt(projection.count), nil)
                        if let digest {
                            sqlite3_bind_blob(handle, 3, digest.baseAddress, CInt(digest.count), nil)
                        } else {
                            sqlite3_bind_null(handle, 3)
                        }
                        sqlite3_bind_blob(handle, 4, compressed.baseAddress, CInt(compressed.count), nil)
                        sqlite3_bind_int64(handle, 5, dictionaryId)
                        sqlite3_bind_int64(handle, 6, rawHash)
                        if let updatedAtMs { sqlite3_bind_int64(handle, 7, updatedAtMs) } else { sqlite3_bind_null(handle, 7) }
                        if let version { sqlite3_bind_int64(handle, 8, Int64(version)) } else { sqlite3_bind_null(handle, 8) }
                        return sqlite3_step(handle)
                    }
                }
            }
        }
        guard code == SQLITE_DONE else { throw statement.stepFailure(code) }
    }

    /// `body` given `data`'s bytes, or `nil` when there is no data.
    private static func withOptionalBytes<Result>(_ data: Data?, _ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
        guard let data else { return body(nil) }
        return data.withUnsafeBytes { body($0) }
    }
}

extension Statement {
    /// The error SQLite reported for a `sqlite3_step` of this statement, stepped by hand, that
    /// returned `code`.
    func stepFailure(_ code: CInt) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))),
            sql: sql)
    }
}
