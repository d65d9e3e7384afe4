import Foundation
import Synchronization

/// What a benchmark measured: printed as text as it goes, or gathered into one JSON object
/// (`--json`) printed at the end.
final class BenchFigures: Sendable {
    /// Whether text lines are held back (JSON mode).
    let quiet: Bool
    private let values = Mutex<[String: any Sendable]>([:])

    /// A figure that could not be measured (`null` in JSON).
    struct Unmeasured: Sendable {}

    init(quiet: Bool) {
        self.quiet = quiet
    }

    /// A figure of the JSON object (numbers, strings, or `Unmeasured()`).
    subscript(key: String) -> (any Sendable)? {
        get { values.withLock { $0[key] } }
        set { values.withLock { $0[key] = newValue } }
    }

    /// Prints a text line unless in JSON mode.
    func say(_ line: String) {
        if !quiet { print(line) }
    }

    /// The measured reconcile run: its requests against the ideal, 429 answers, wall time and
    /// the floor its limits set.
    func record(run: String, requests: Int, ideal: Int, limited: Int, wall: Double, floor: RateFloor) {
        self["run"] = run
        self["requests"] = requests
        self["ideal_requests"] = ideal
        self["share_429"] = ReconcileBenchmark.rounded(Double(limited) / Double(max(1, requests)), 4)
        self["wall_s"] = ReconcileBenchmark.rounded(wall, 3)
        self["floor_s"] = ReconcileBenchmark.rounded(floor.seconds, 3)
        self["ghl_rate_floor_s"] = ReconcileBenchmark.rounded(floor.ghlRateSeconds, 3)
        // A run whose limits force no wait (lifted limits) has no ratio to its floor.
        self["wall_over_floor"] =
            floor.seconds >= 0.001 ? ReconcileBenchmark.rounded(wall / floor.seconds, 3) : Unmeasured()
        self["wall_over_ghl_rate_floor"] =
            floor.ghlRateSeconds >= 0.001 ? ReconcileBenchmark.rounded(wall / floor.ghlRateSeconds, 3) : Unmeasured()
    }

    /// The figures as one JSON object, keys sorted; a figure that could not be measured is `null`.
    func json() throws -> String {
        let object = values.withLock { values in
            values.mapValues { value -> Any in
                if value is Unmeasured { return NSNull() }
                if let number = value as? Double, !number.isFinite { return NSNull() }
                return value
            }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
