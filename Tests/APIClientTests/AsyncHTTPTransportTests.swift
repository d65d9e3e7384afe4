import Foundation
import SyncHTTP
import Testing

@Suite struct AsyncHTTPTransportTests {
    @Test func refusedConnectionIsAConnectFailureThatNeverSentTheRequest() async throws {
        let transport = AsyncHTTPTransport(connectTimeout: .milliseconds(500))
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        let request = HTTPRequest(
            method: .post, url: URL(string: "http://127.0.0.1:9/contacts/")!, body: Data("{}".utf8))
        let error = await #expect(throws: TransportError.self) { try await transport.send(request) }
        try await transport.shutdown()
        #expect(error?.kind == .connectFailed)
        #expect(error?.requestSent == false)
    }
}
