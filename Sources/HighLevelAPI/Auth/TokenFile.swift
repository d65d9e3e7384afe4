import Foundation
import SyncHTTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The 0600 JSON file holding the OAuth token pair.
///
/// Writes are atomic: the pair goes to a temporary file created with mode 0600 in the same
/// folder, is flushed to disk, and is renamed over the old file, so a crash leaves either the
/// old pair or the new one, never a torn file and never a world-readable one.
public struct TokenFile: Sendable, Hashable {
    /// Where the file lives.
    public var url: URL

    /// Points at a token file (it need not exist yet).
    public init(url: URL) {
        self.url = url
    }

    /// The conventional token file beside a state file: `<state name>.ghl-tokens.json` in the
    /// same folder (so it moves, and is backed up, with the state it belongs to).
    public init(besideStateFile stateFile: URL) {
        let name = stateFile.deletingPathExtension().lastPathComponent
        self.url = stateFile.deletingLastPathComponent().appendingPathComponent("\(name).ghl-tokens.json")
    }

    /// The stored pair, or `nil` when the file does not exist. A file readable by others is
    /// tightened to 0600 first.
    public func load() throws -> OAuthTokens? {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        if status.st_mode & 0o077 != 0 { _ = chmod(url.path, 0o600) }
        do {
            let data = try Data(contentsOf: url)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(OAuthTokens.self, from: data)
        } catch {
            throw APIError(
                .tokenStorage, route: "",
                message:
                    "cannot read the GHL token file \(url.path); run `fgsync auth ghl` to authorize again")
        }
    }

    /// Writes the pair atomically with mode 0600 (temp file, fsync, rename).
    public func save(_ tokens: OAuthTokens) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do { data = try encoder.encode(tokens) } catch {
            throw APIError(.tokenStorage, route: "", message: "cannot encode the GHL token pair")
        }
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw storageError("create", temp) }
        var ok = fchmod(fd, 0o600) == 0
        ok =
            ok
            && data.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return false }
                    offset += written
                }
                return true
            }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temp.path, url.path) == 0 else {
            unlink(temp.path)
            throw storageError("write", url)
        }
        let dir = open(folder.path, O_RDONLY)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    func storageError(_ verb: String, _ file: URL) -> APIError {
        APIError(
            .tokenStorage, route: "",
            message: "cannot \(verb) the GHL token file \(file.path) (errno \(errno)); "
                + "check the folder is writable; the new token pair was not used")
    }
}
