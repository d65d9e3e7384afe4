import Foundation

/// Shared parsing for the `/_sim` control endpoints.
enum ControlRequest {
    /// `POST /_sim/clock` body: `{"advanceSeconds": n}` or `{"advanceMillis": n}`; returns millis.
    static func clockAdvance(_ body: Data) -> Int64? {
        guard let object = (try? JSONValue.parse(body))?.objectValue else { return nil }
        let tenYears = 315_360_000_000.0
        if let seconds = object["advanceSeconds"]?.doubleValue, abs(seconds * 1000) <= tenYears {
            return SafeInteger.int64(seconds * 1000)
        }
        if let millis = object["advanceMillis"]?.doubleValue, abs(millis) <= tenYears {
            return SafeInteger.int64(millis)
        }
        return nil
    }

    /// `POST /_sim/faults` body.
    static func faults(_ body: Data) -> FaultConfig? {
        if body.isEmpty { return FaultConfig() }
        return try? JSONDecoder().decode(FaultConfig.self, from: body)
    }

    static func badControl(_ message: String) -> SimResponse {
        .json(400, ["error": .string(message)])
    }
}
