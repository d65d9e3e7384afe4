import Hummingbird
import NIOCore

/// Request context that keeps the channel, so a fault can drop the connection.
public struct SimRequestContext: RequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    /// Creates the context from the application's source.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
