import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Both simulators, served on loopback ports, sharing one clock.
///
/// `start()` binds both (port 0 = any free port) and returns where they are; `stop()` shuts them
/// down gracefully. `fgsync simulate` starts with `handleSignals: true` and waits in
/// `waitUntilStopped()` until SIGINT/SIGTERM.
public final class SimulatorCluster: Sendable {
    /// The Fulcrum simulator (its `store` is readable from tests).
    public let fulcrum: FulcrumSimulator
    /// The GHL simulator (its `store` is readable from tests).
    public let ghl: GHLSimulator
    /// Options it was created with.
    public let options: SimulatorOptions
    private let running = RunningState()

    /// Creates both simulators with their seed data (nothing is bound yet).
    public init(options: SimulatorOptions = SimulatorOptions()) async {
        self.options = options
        self.fulcrum = await FulcrumSimulator(
            options: options.fulcrum, clock: options.clock, randomSeed: options.randomSeed,
            seedRecords: options.seed.fulcrumRecords, transport: options.webhookTransport,
            dataDirectory: options.dataDirectory)
        self.ghl = await GHLSimulator(
            options: options.ghl, clock: options.clock, randomSeed: options.randomSeed,
            seedContacts: options.seed.ghlContacts, transport: options.webhookTransport,
            dataDirectory: options.dataDirectory)
        for appointment in options.seed.ghlAppointments { await ghl.store.addAppointment(appointment) }
    }

    /// Binds both servers and returns their URLs and credentials.
    public func start(handleSignals: Bool = false) async throws -> SimulatorSummary {
        let (ports, continuation) = AsyncStream<(String, Int)>.makeStream()
        var logger = Logger(label: "fgsync.simulate")
        logger.logLevel = .warning
        let fulcrumApp = fulcrum.application(host: options.host, port: options.fulcrumPort) { channel in
            continuation.yield(("fulcrum", channel.localAddress?.port ?? 0))
        }
        let ghlApp = ghl.application(host: options.host, port: options.ghlPort) { channel in
            continuation.yield(("ghl", channel.localAddress?.port ?? 0))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [fulcrumApp, ghlApp, WebhookPump(dispatchers: [fulcrum.webhooks, ghl.webhooks])],
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        running.set(group: group, task: task)
        var bound: [String: Int] = [:]
        for await (name, port) in ports {
            bound[name] = port
            if bound.count == 2 { break }
        }
        guard let fulcrumPort = bound["fulcrum"], let ghlPort = bound["ghl"] else {
            try await task.value
            throw SimulatorError(message: "the simulators stopped before both ports were bound")
        }
        return summary(fulcrumPort: fulcrumPort, ghlPort: ghlPort)
    }

    /// The summary for given ports.
    public func summary(fulcrumPort: Int, ghlPort: Int) -> SimulatorSummary {
        let locations = options.ghl.locationIds
        let forms = options.fulcrum.formIds
        let count = min(locations.count, forms.count)
        let syncs = (0..<count).map { index in
            SimulatorSummary.Sync(
                name: "loc-\(index + 1)", formId: forms[index], locationId: locations[index],
                externalIdFieldId: options.ghl.linkFieldId(at: index))
        }
        return SimulatorSummary(
            fulcrum: .init(
                url: "http://\(options.host):\(fulcrumPort)", token: options.fulcrum.token,
                formId: options.fulcrum.formId),
            ghl: .init(
                url: "http://\(options.host):\(ghlPort)", token: options.ghl.privateIntegrationToken,
                locationId: options.ghl.locationId, externalIdFieldId: options.ghl.externalIdFieldId,
                companyId: count > 1 ? options.ghl.companyId : nil),
            syncs: count > 1 ? syncs : nil)
    }

    /// The clock both simulators share.
    public var clock: SimClock { options.clock }

    /// Puts both simulators back to their initial state (seed data, no faults, fresh limits).
    public func reset() async {
        await fulcrum.reset()
        await ghl.reset()
    }

    /// Shuts both servers down gracefully and waits for them.
    public func stop() async {
        guard let (group, task) = running.take() else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Waits until the servers stop (after `stop()` or a signal).
    public func waitUntilStopped() async throws {
        guard let task = running.task() else { return }
        try await task.value
    }
}
