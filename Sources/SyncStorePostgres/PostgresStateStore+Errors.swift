import Foundation
import PostgresNIO
import SyncStore

extension PostgresStateStore {
    /// What a PostgreSQL failure says, for a message: the server's own message and SQLSTATE, or
    /// the kind of connection failure. PostgresNIO's errors never carry the password, and
    /// neither does this.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else {
            let text = "\(error)"
            if text.contains("connectionCreationCircuitBreakerTripped") {
                return "no connection to the database server could be made (it refused or did not answer every try)"
            }
            return text
        }
        if let info = error.serverInfo, let message = info[.message] {
            return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// A failure to connect or to open the schema, with what to do about it.
    static func openError(_ error: any Error, location: String) -> StoreError {
        let state = (error as? PSQLError)?.serverInfo?[.sqlState]
        let code = (error as? PSQLError)?.code
        switch (state, code) {
        case ("28P01", _), ("28000", _), (_, .authMechanismRequiresPassword), (_, .saslError):
            return StoreError(
                .cannotOpen,
                "The database server refused fgsync's login to \(location): \(describe(error)). "
                    + "Check the user and password in the state URL's environment variable.",
                path: location)
        case ("3D000", _):
            return StoreError(
                .cannotOpen,
                "\(location) names a database the server does not have: \(describe(error)). Create it, or fix the state URL.",
                path: location)
        case (_, .connectionError), (_, .serverClosedConnection), (_, .sslUnsupported):
            return StoreError(
                .cannotOpen,
                "Cannot reach the database server for \(location): \(describe(error)). "
                    + "Check that PostgreSQL is running and that the host and port of the state URL are right.",
                path: location)
        default:
            return StoreError(
                .cannotOpen,
                "Cannot open the state in \(location): \(describe(error)). Check the state URL and the database server.",
                path: location)
        }
    }
}
