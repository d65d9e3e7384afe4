import Foundation
import SyncHTTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on the lock file beside a token file (`<token file>.lock`), held by
/// whichever fgsync process (or session) is about to spend the refresh token.
///
/// GHL spends a refresh token when it is used, so two processes sharing one token file (`serve`
/// and a `doctor` or `rehearse` run beside it) must not both refresh the same pair: the holder
/// re-reads the file under the lock and uses a pair another process already stored. The lock is
/// the kernel's, so a process that dies releases it; closing the descriptor releases it too.
final class TokenFileLock: Sendable {
    /// The lock file.
    let url: URL
    private let descriptor: Int32

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    /// Waits for the exclusive lock on `url` (created 0600 when missing). The wait happens on a
    /// dispatch thread, never on one of Swift's cooperative threads.
    ///
    /// - Throws: `APIError.Code.tokenStorage` when the lock file cannot be opened or locked.
    static func acquire(_ url: URL) async throws -> TokenFileLock {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(url, errno) }
        let code: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var result: Int32
                repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
                continuation.resume(returning: result == 0 ? 0 : errno)
            }
        }
        guard code == 0 else {
            close(descriptor)
            throw failure(url, code)
        }
        return TokenFileLock(url: url, descriptor: descriptor)
    }

    /// Releases the lock (closing the descriptor releases it).
    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    static func failure(_ url: URL, _ code: Int32) -> APIError {
        APIError(
            .tokenStorage, route: "",
            message: "cannot lock \(url.path) (errno \(code)) to refresh the GHL token pair; check the folder is writable")
    }
}
