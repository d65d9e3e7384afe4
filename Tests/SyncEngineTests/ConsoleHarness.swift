import Demo
import Foundation
import HighLevelAPI
import Simulators
import SyncCore
import SyncEngine
import SyncHTTP
import SyncServer
import SyncStore
import Testing

/// A real `fgsync serve` with its console on (`ServeHarness`, config edited): conflicts left to
/// a person (`conflict_policy: manual`), the console token in the environment, record links.
enum ConsoleHarness {
    static let token = "console-token-0123456789abcdef"
    static let tokenEnv = "FGSYNC_CONSOLE_TOKEN"
    static let fulcrumWeb = "https://web.fulcrumapp.com/records/{id}"
    static let ghlWeb = "https://app.gohighlevel.com/contacts/detail/{id}"

    /// The simulators' YAML with the console on, `policy` as the conflict policy, web links, and
    /// `consoleExtra` lines under `console:` / `deletesExtra` lines under `deletes:`.
    static func config(
        _ yaml: String, policy: String = "manual", consoleExtra: [String] = [], deletesExtra: [String] = []
    ) -> String {
        var lines: [String] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  conflict_policy:") { lines.append("  conflict_policy: \(policy)"); continue }
            if line.hasPrefix("  max_delete:"), !deletesExtra.isEmpty {
                lines += deletesExtra.map { "  " + $0 }; continue
            }
            lines.append(line)
            if line.hasPrefix("  form_id:") { lines.append("  web_url: \"\(fulcrumWeb)\"") }
            if line.hasPrefix("  location_id:") { lines.append("  web_url: \"\(ghlWeb)\"") }
        }
        lines.append("console:")
        lines.append("  token_env: \(tokenEnv)")
        lines += (["session_ttl: 10m"] + consoleExtra).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Starts serve with the console, runs `body`, and always stops everything.
    static func run(
        pairs: Int = 2, policy: String = "manual", consoleExtra: [String] = [], deletesExtra: [String] = [],
        configure: @escaping (inout ServeJob) -> Void = { _ in }, _ body: (ServeHarness) async throws -> Void
    ) async throws {
        try await ServeHarness.run(
            pairs: pairs,
            editConfig: {
                config($0, policy: policy, consoleExtra: consoleExtra, deletesExtra: deletesExtra)
            },
            configure: {
                $0.environment[tokenEnv] = token
                configure(&$0)
            }, body)
    }
}

/// A browser of the console over loopback: keeps the session cookie, follows no redirect.
struct ConsoleClient {
    struct Page {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var location: String? { headers["Location"] }
    }

    let base: String
    let transport: AsyncHTTPTransport
    var cookie: String?

    init(_ base: String, transport: AsyncHTTPTransport) {
        self.base = base
        self.transport = transport
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Page {
        try await send(.get, path, body: nil, headers: headers)
    }

    func post(_ path: String, _ form: [(String, String)], headers: [(String, String)] = []) async throws
        -> Page
    {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            .post, path, body: Data(body.utf8),
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers)
    }

    func send(_ method: HTTPMethod, _ path: String, body: Data?, headers: [(String, String)]) async throws
        -> Page
    {
        var fields = HTTPHeaders()
        if let cookie { fields.set("Cookie", "fgsync_console=\(cookie)") }
        for (name, value) in headers { fields.set(name, value) }
        let response = try await transport.send(
            HTTPRequest(method: method, url: URL(string: base + path)!, headers: fields, body: body))
        return Page(
            status: response.status, headers: response.headers,
            body: String(decoding: response.body, as: UTF8.self))
    }

    /// Signs in with `token`; keeps the cookie when it worked.
    @discardableResult
    mutating func login(_ token: String = ConsoleHarness.token) async throws -> Page {
        let page = try await post("/console/login", [("token", token)])
        if let setCookie = page.headers["Set-Cookie"], page.status == 303 {
            cookie = Self.cookieValue(setCookie)
        }
        return page
    }

    /// The session cookie's value in a `Set-Cookie` header.
    static func cookieValue(_ header: String) -> String? {
        header.split(separator: ";").first.flatMap { part -> String? in
            let pair = part.split(separator: "=", maxSplits: 1)
            return pair.count == 2 && pair[0] == "fgsync_console" ? String(pair[1]) : nil
        }
    }

    /// The CSRF token the forms of `path` carry.
    func csrf(_ path: String = "/console") async throws -> String {
        let body = try await get(path).body
        let marker = "name=\"csrf\" value=\""
        guard let start = body.range(of: marker) else { return "" }
        return String(body[start.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? ""
    }

    /// Runs `body` with a client (a private HTTP client, shut down after).
    static func with<T>(_ serve: ServeHarness, _ body: (inout ConsoleClient) async throws -> T) async throws
        -> T
    {
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(5))
        var client = ConsoleClient(serve.serve.url, transport: transport)
        do {
            let result = try await body(&client)
            try? await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }
}
