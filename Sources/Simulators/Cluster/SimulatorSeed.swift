import Foundation

/// Records and contacts to start with, in the APIs' own JSON shapes.
///
/// File format (`--seed FILE`): `{"fulcrum": {"records": [...]}, "ghl": {"contacts": [...],
/// "appointments": [...]}}`; top-level `records` / `contacts` are accepted too.
public struct SimulatorSeed: Sendable {
    /// Fulcrum records as `GET /records/:id` returns them (without the wrapper).
    public var fulcrumRecords: [JSONValue] = []
    /// GHL contacts as `GET /contacts/:id` returns them (without the wrapper).
    public var ghlContacts: [JSONValue] = []
    /// GHL appointments as `GET /contacts/:id/appointments` returns them.
    public var ghlAppointments: [JSONValue] = []

    /// An empty seed.
    public init() {}

    /// Reads a seed file.
    public static func load(from url: URL) throws -> SimulatorSeed {
        let json = try JSONValue.parse(Data(contentsOf: url))
        var seed = SimulatorSeed()
        seed.fulcrumRecords = (json["fulcrum"]?["records"] ?? json["records"])?.arrayValue ?? []
        seed.ghlContacts = (json["ghl"]?["contacts"] ?? json["contacts"])?.arrayValue ?? []
        seed.ghlAppointments = (json["ghl"]?["appointments"] ?? json["appointments"])?.arrayValue ?? []
        return seed
    }
}
