import Foundation

/// The set of URLs webhooks are delivered to (configured, or registered through `/_sim`).
final class WebhookTargets: @unchecked Sendable {
    // @unchecked: `urls` is only touched under `lock`.
    private let lock = NSLock()
    private var urls: [String]
    private let initial: [String]

    init(_ urls: [String]) {
        self.urls = urls
        self.initial = urls
    }

    func all() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return urls
    }

    func add(_ url: String) {
        lock.lock()
        defer { lock.unlock() }
        if !urls.contains(url) { urls.append(url) }
    }

    func remove(_ url: String) {
        lock.lock()
        defer { lock.unlock() }
        urls.removeAll { $0 == url }
    }

    func reset() {
        lock.lock()
        defer { lock.unlock() }
        urls = initial
    }
}
