import SyncCore
import SyncHTTP
import SyncStore

/// The process exit status for an error that stopped a command: 2 usage, config or state
/// errors, 4 authentication, 5 the GHL app uninstalled from the location, 1 anything else.
public enum ExitStatus {
    /// The status for `error`.
    public static func code(for error: any Error) -> Int32 {
        switch error {
        case is SyncCoreError, is StoreError: return 2
        case let error as SyncEngineError where error.code == .uninstalled: return 5
        case let error as SyncEngineError: return error.code == .auth ? 4 : 2
        case let error as APIError where error.code == .appUninstalled: return 5
        case let error as APIError:
            if error.isAuthFailure { return 4 }
            return 1
        default: return 1
        }
    }
}
