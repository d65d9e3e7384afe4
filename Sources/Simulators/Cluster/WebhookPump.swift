import ServiceLifecycle

/// Delivers due webhooks (including retries) every quarter second while servers run.
struct WebhookPump: Service {
    let dispatchers: [WebhookDispatcher]

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for dispatcher in dispatchers { await dispatcher.deliverDue() }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
