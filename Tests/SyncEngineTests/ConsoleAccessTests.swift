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

/// Who gets into the console: the token, a session cookie, a CSRF token on every POST, a
/// session that ends, a brake on guessing; webhooks and health stay open.
@Suite(.serialized)
struct ConsoleAccessTests {
    static let pages = [
        "/console", "/console/conflicts", "/console/held", "/console/failures", "/console/runs",
        "/console/rails", "/console/runs/1/report",
    ]
    static let posts = [
        "/console/conflicts/1", "/console/retry", "/console/events/retry", "/console/rails/force",
        "/console/logout",
    ]

    @Test func serveRefusesToStartWhenTheConsoleTokenVariableIsUnset() async throws {
        let (harness, configPath) = try await ConsoleFlows.reconciled { ConsoleHarness.config($0) }
        var job = ServeJob(configPath: configPath, statePath: harness.statePath)
        job.port = 0
        job.environment = ServeHarness.environment(harness)
        job.pollTimer = false
        job.inboxWorker = false
        await #expect {
            _ = try await job.start()
        } throws: { error in
            "\(error)".contains("console.token_env names FGSYNC_CONSOLE_TOKEN, which is not set")
        }
        await harness.stop()
    }

    @Test func withoutASessionEveryPageRedirectsToTheLoginAndEveryPostIsRefused() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                for path in Self.pages {
                    let page = try await client.get(path)
                    #expect(page.status == 303, "\(path)")
                    #expect(page.location == "/console/login", "\(path)")
                    #expect(!page.body.contains("Ada"), "\(path) shows nothing")
                }
                #expect(
                    try await client.get("/console/conflicts?fragment=1").status == 401,
                    "a live refresh is told, not redirected")
                for path in Self.posts {
                    #expect(
                        try await client.post(path, [("csrf", "x"), ("take", "ghl")]).status == 401, "\(path)"
                    )
                }
                let login = try await client.get("/console/login")
                #expect(login.status == 200)
                #expect(login.body.contains("name=\"token\""))
            }
        }
    }

    @Test func theRightTokenSignsInWithAStrictHttpOnlyCookieAndAWrongOneDoesNot() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                let wrong = try await client.login("not-the-token-at-all")
                #expect(wrong.status == 401)
                #expect(client.cookie == nil)
                let right = try await client.login()
                #expect(right.status == 303)
                #expect(right.location == "/console")
                let cookie = try #require(right.headers["Set-Cookie"])
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/console"))
                #expect(cookie.contains("Max-Age=600"), "session_ttl: 10m")
                #expect(!cookie.contains(ConsoleHarness.token))
                #expect(try await client.get("/console").status == 200)
            }
        }
    }

    @Test(arguments: ["missing", "forged", "another session's"])
    func aPostWithoutItsSessionsCSRFTokenIsRefusedAndRecordsNothing(_ csrf: String) async throws {
        try await ConsoleHarness.run { serve in
            let id = try await ConsoleFlows.makeConflict(serve)
            try await ConsoleClient.with(serve) { client in
                var other = ConsoleClient(client.base, transport: client.transport)
                try await other.login()
                try await client.login()
                var token: String?
                if csrf == "forged" { token = String(repeating: "A", count: 43) }
                if csrf == "another session's" { token = try await other.csrf() }
                var form = [("take", "ghl")]
                if let token { form.append(("csrf", token)) }

                let answer = try await client.post("/console/conflicts/\(id)", form)

                #expect(answer.status == 403)
                let store = try SQLiteStateStore(path: serve.harness.statePath)
                #expect(try await store.pendingDecisions().isEmpty, "nothing recorded")
                #expect(try await store.openConflicts().map(\.id) == [id], "still open")
            }
        }
    }

    @Test func aPostFromAnotherOriginIsRefusedEvenWithTheRightCSRFToken() async throws {
        try await ConsoleHarness.run { serve in
            let id = try await ConsoleFlows.makeConflict(serve)
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let csrf = try await client.csrf()
                let answer = try await client.post(
                    "/console/conflicts/\(id)", [("csrf", csrf), ("take", "ghl")],
                    headers: [("Origin", "https://evil.example")])
                #expect(answer.status == 403)
                #expect(try await SQLiteStateStore(path: serve.harness.statePath).pendingDecisions().isEmpty)
            }
        }
    }

    @Test func aPostThroughATLSProxyThatForwardsItsHostIsAccepted() async throws {
        try await ConsoleHarness.run { serve in
            let id = try await ConsoleFlows.makeConflict(serve)
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let csrf = try await client.csrf()
                let answer = try await client.post(
                    "/console/conflicts/\(id)", [("csrf", csrf), ("take", "ghl")],
                    headers: [
                        ("Origin", "https://sync.example.com"), ("X-Forwarded-Host", "sync.example.com"),
                    ])
                #expect(answer.status == 303)
                #expect(
                    try await SQLiteStateStore(path: serve.harness.statePath).conflict(id: id)?.status == .resolved)
            }
        }
    }

    @Test func aSessionCookieFromAnotherServeIsRejected() async throws {
        try await ConsoleHarness.run { serve in
            // A second serve on the same config and state file: its own process secret and sessions.
            var job = ServeJob(configPath: serve.configPath, statePath: serve.harness.statePath)
            job.port = 0
            job.environment = ServeHarness.environment(serve.harness)
            job.environment[ConsoleHarness.tokenEnv] = ConsoleHarness.token
            job.pollTimer = false
            job.inboxWorker = false
            let other = try await job.start()
            let transport = AsyncHTTPTransport(connectTimeout: .seconds(5))
            var elsewhere = ConsoleClient(other.url, transport: transport)
            try await elsewhere.login()
            #expect(elsewhere.cookie != nil)

            try await ConsoleClient.with(serve) { client in
                client.cookie = elsewhere.cookie
                let page = try await client.get("/console")
                #expect(page.status == 303)
                #expect(page.location == "/console/login")
                client.cookie = "made-up-session-id"
                #expect(try await client.get("/console").status == 303)
            }
            try? await transport.shutdown()
            await other.stop()
        }
    }

    @Test func failedSignInsAreRateLimitedUntilTheWindowPasses() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                for attempt in 1...5 {
                    #expect(try await client.login("wrong-guess-\(attempt)").status == 401)
                }
                let sixth = try await client.login()
                #expect(sixth.status == 429, "even the right token waits: guesses are bounded")
                #expect(Int(sixth.headers["Retry-After"] ?? "") ?? 0 > 0)
                #expect(client.cookie == nil)

                serve.harness.advanceClock(seconds: 61)

                #expect(try await client.login().status == 303)
            }
        }
    }

    @Test func aSessionEndsAfterItsLifetime() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                #expect(try await client.get("/console").status == 200)
                serve.harness.advanceClock(seconds: 601)
                let page = try await client.get("/console")
                #expect(page.status == 303)
                #expect(page.location == "/console/login")
            }
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                try await client.login()
                let csrf = try await client.csrf()
                let out = try await client.post("/console/logout", [("csrf", csrf)])
                #expect(out.status == 303)
                #expect(out.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
                #expect(try await client.get("/console").status == 303)
            }
        }
    }

    @Test func metricsCanBePutBehindTheTokenWhileWebhooksStayOpen() async throws {
        try await ConsoleHarness.run(consoleExtra: ["protect_metrics: true"]) { serve in
            try await ConsoleClient.with(serve) { client in
                #expect(try await client.get("/metrics").status == 401)
                #expect(
                    try await client.get("/metrics", headers: [("Authorization", "Bearer wrong")]).status
                        == 401)
                let scraped = try await client.get(
                    "/metrics", headers: [("Authorization", "Bearer \(ConsoleHarness.token)")])
                #expect(scraped.status == 200)
                #expect(scraped.body.contains("fgsync_inbox_waiting"))
                #expect(try await client.get("/healthz").status == 200)
            }
            try await serve.harness.editContact("Ghl1", ["lastName": "Open Door"])
            await serve.deliverAndDrain()
            #expect(
                await serve.harness.recordValue("f-1", "last_name") == "Open Door",
                "the webhook got in without the token")
        }
    }

    @Test(arguments: pages.dropLast() + ["/console/runs/1/report", "/console/login"])
    func everyPageSendsAStrictContentSecurityPolicy(_ path: String) async throws {
        try await ConsoleHarness.run { serve in
            try await ConsoleClient.with(serve) { client in
                if path != "/console/login" { try await client.login() }
                let page = try await client.get(path)
                #expect(page.status == 200, "\(path)")
                let csp = try #require(page.headers["Content-Security-Policy"])
                #expect(csp.contains("default-src 'none'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(!csp.contains("unsafe-eval"))
                #expect(page.headers["X-Content-Type-Options"] == "nosniff")
                #expect(page.headers["Cache-Control"] == "no-store")
            }
        }
    }
}
