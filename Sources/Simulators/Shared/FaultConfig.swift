/// What faults a simulator injects, as posted to `POST /_sim/faults`.
///
/// Probabilities are per request, checked in the order drop, slow, 429, 500, 502, 503 with a
/// seeded random source. `failNext` rules fail the next `count` requests whose route template
/// (and method, when given) match, with `status`; they run before the probabilities.
public struct FaultConfig: Codable, Sendable, Equatable {
    /// Probability of answering 429.
    public var p429: Double = 0
    /// Probability of answering 500.
    public var p500: Double = 0
    /// Probability of answering 502.
    public var p502: Double = 0
    /// Probability of answering 503.
    public var p503: Double = 0
    /// Probability of a slow response (`slowMillis` of extra latency).
    public var pSlow: Double = 0
    /// Probability of closing the connection without answering.
    public var pDrop: Double = 0
    /// Extra latency of a slow response, in milliseconds.
    public var slowMillis: Int = 2000
    /// Reseeds the fault random source when set.
    public var seed: UInt64?
    /// Deterministic "fail the next N requests to route R with status S" rules.
    public var failNext: [FailRule] = []

    /// Creates an empty (no faults) configuration.
    public init() {}

    /// One "fail the next N" rule.
    public struct FailRule: Codable, Sendable, Equatable {
        /// Route template as in `/_sim/stats`, e.g. `/contacts/:contactId`, or `*` for any.
        public var route: String
        /// Optional method filter, e.g. `PUT`.
        public var method: String?
        /// How many more requests to fail.
        public var count: Int
        /// Status to answer with (429, 500, 502, 503, or 0 to drop the connection).
        public var status: Int
        /// When true the request is carried out first and only its answer is replaced, like a
        /// response lost on the way back (or GHL's "422 but created").
        public var applied: Bool?

        /// Creates a rule.
        public init(route: String, method: String? = nil, count: Int, status: Int, applied: Bool? = nil) {
            self.route = route
            self.method = method
            self.count = count
            self.status = status
            self.applied = applied
        }
    }

    enum CodingKeys: String, CodingKey {
        case p429, p500, p502, p503, pSlow, pDrop, slowMillis, seed, failNext
    }

    /// Decodes with every key optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        p429 = try c.decodeIfPresent(Double.self, forKey: .p429) ?? 0
        p500 = try c.decodeIfPresent(Double.self, forKey: .p500) ?? 0
        p502 = try c.decodeIfPresent(Double.self, forKey: .p502) ?? 0
        p503 = try c.decodeIfPresent(Double.self, forKey: .p503) ?? 0
        pSlow = try c.decodeIfPresent(Double.self, forKey: .pSlow) ?? 0
        pDrop = try c.decodeIfPresent(Double.self, forKey: .pDrop) ?? 0
        slowMillis = try c.decodeIfPresent(Int.self, forKey: .slowMillis) ?? 2000
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        failNext = try c.decodeIfPresent([FailRule].self, forKey: .failNext) ?? []
    }
}
