import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SyncCore
import SyncReports
import SyncStore

/// The console's routes, all under `/console` (webhooks, health and metrics are untouched).
///
/// A page without a live session answers 303 to the login page (a live refresh: 401); a POST
/// without one answers 401, and one whose CSRF token or `Origin` does not match answers 403
/// and does nothing.
extension Console {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// Adds the routes to serve's router.
    func mount(on router: Router<BasicRequestContext>) {
        router.get("console/assets/console.css") { _, _ in
            var response = ConsoleHTTP.text(.ok, ConsoleAssets.css)
            response.headers[.contentType] = "text/css; charset=utf-8"
            return response
        }
        router.get("console/assets/console.js") { _, _ in
            var response = ConsoleHTTP.text(.ok, ConsoleAssets.js)
            response.headers[.contentType] = "text/javascript; charset=utf-8"
            return response
        }
        router.get("console/login") { request, _ in
            if await auth.session(ConsoleHTTP.sessionId(request)) != nil {
                return ConsoleHTTP.redirect("/console")
            }
            return ConsoleHTTP.html(.ok, renderer.render("login", ConsoleViews.Login()))
        }
        router.post("console/login") { request, _ in await login(request) }
        router.post("console/logout") { request, _ in
            await action(request) { session, _ in
                await auth.logout(session.id)
                return ConsoleHTTP.redirect(
                    "/console/login",
                    setCookie: ConsoleHTTP.setCookie(
                        nil, lifetime: .zero, secure: config.console.secureCookie))
            }
        }
        router.get("console", use: page("overview", "Overview", live: true) { frame, _ in try await overview(frame) })
        router.get(
            "console/conflicts", use: page("conflicts", "Conflicts", live: true) { try await conflicts($0, page: $1) })
        router.get("console/held", use: page("held", "Held items") { frame, _ in try await held(frame) })
        router.get("console/failures", use: page("failures", "Failures") { frame, _ in try await failures(frame) })
        router.get("console/runs", use: page("runs", "Runs") { frame, _ in try await runs(frame) })
        router.get("console/rails", use: page("rails", "Rails") { frame, _ in try await rails(frame) })
        router.get("console/runs/:id/report") { request, context in
            guard await auth.session(ConsoleHTTP.sessionId(request)) != nil else {
                return ConsoleHTTP.redirect("/console/login")
            }
            return await report(context.parameters.get("id") ?? "")
        }
        router.post("console/conflicts/:id") { request, context in
            await action(request) { session, form in
                await decide(context.parameters.get("id") ?? "", form, session)
            }
        }
        router.post("console/retry") { request, _ in
            await action(request) { session, _ in
                await work.queue(.poll, why: "retry of failed writes")
                await auth.setFlash(
                    session.id,
                    "A pass is queued: it plans the failed writes again. The Runs page shows it when it ends."
                )
                return ConsoleHTTP.redirect("/console/failures")
            }
        }
        router.post("console/events/retry") { request, _ in
            await action(request) { session, form in await retryEvent(form["event"] ?? "", session) }
        }
        router.post("console/rails/force") { request, _ in
            await action(request) { session, form in await force(form, session) }
        }
    }

    // MARK: - Access

    /// A GET page: signed in, else to the login page. `load` gets the frame and the `page`
    /// query parameter (1 when absent or not a number).
    func page(
        _ name: String, _ title: String, live: Bool = false,
        _ load: @escaping @Sendable (ConsoleViews.Frame, Int) async throws -> Any
    ) -> Handler {
        { request, _ in
            let fragment = request.uri.queryParameters["fragment"] != nil
            guard let session = await auth.session(ConsoleHTTP.sessionId(request)) else {
                return fragment
                    ? ConsoleHTTP.text(.unauthorized, "sign in at /console/login")
                    : ConsoleHTTP.redirect("/console/login")
            }
            let number = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
            let flash = fragment ? nil : await auth.takeFlash(session.id)
            let pageFrame = self.frame(
                title, current: request.uri.path, session: session, flash: flash, live: live)
            do {
                return ConsoleHTTP.html(
                    .ok, renderer.render(name, try await load(pageFrame, number), fragment: fragment))
            } catch {
                logger.error("console page failed", metadata: ["page": "\(name)", "error": "\(error)"])
                return ConsoleHTTP.text(.internalServerError, "the state file could not be read: \(error)")
            }
        }
    }

    /// A form POST: signed in, same origin, the session's CSRF token; else refused, nothing done.
    func action(_ request: Request, _ body: (ConsoleSession, [String: String]) async -> Response) async
        -> Response
    {
        guard let session = await auth.session(ConsoleHTTP.sessionId(request)) else {
            return ConsoleHTTP.text(.unauthorized, "not signed in: sign in at /console/login")
        }
        guard ConsoleHTTP.sameOrigin(request) else {
            return ConsoleHTTP.text(.forbidden, "refused: the form came from another site")
        }
        guard let form = await ConsoleHTTP.form(request) else {
            return ConsoleHTTP.text(.contentTooLarge, "the form is over 64 KiB")
        }
        guard session.csrfMatches(form["csrf"]) else {
            return ConsoleHTTP.text(
                .forbidden,
                "refused: the form's CSRF token is missing or wrong; reload the page and try again")
        }
        return await body(session, form)
    }

    func login(_ request: Request) async -> Response {
        guard ConsoleHTTP.sameOrigin(request) else {
            return ConsoleHTTP.text(.forbidden, "refused: the form came from another site")
        }
        let form = await ConsoleHTTP.form(request) ?? [:]
        switch await auth.login(form["token"] ?? "") {
        case .signedIn(let session):
            logger.notice("console sign-in")
            return ConsoleHTTP.redirect(
                "/console",
                setCookie: ConsoleHTTP.setCookie(
                    session, lifetime: config.console.sessionLifetime, secure: config.console.secureCookie))
        case .refused:
            logger.notice("console sign-in refused: wrong token")
            return ConsoleHTTP.html(
                .unauthorized,
                renderer.render("login", ConsoleViews.Login(message: "That is not the console token.")))
        case .throttled(let seconds):
            logger.warning("console sign-in refused: too many failed attempts")
            var response = ConsoleHTTP.html(
                .tooManyRequests,
                renderer.render(
                    "login",
                    ConsoleViews.Login(message: "Too many failed sign-ins; try again in \(seconds) seconds."))
            )
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    // MARK: - Actions

    func decide(_ idText: String, _ form: [String: String], _ session: ConsoleSession) async -> Response {
        let choice: ConflictDecision.Choice
        switch form["take"] {
        case "fulcrum": choice = .fulcrum
        case "ghl": choice = .ghl
        case "base": choice = .base
        case "value": choice = ResolveJob.choice(typed: form["value"] ?? "")
        default: return ConsoleHTTP.text(.badRequest, "take must be fulcrum, ghl, base or value")
        }
        guard let id = Int64(idText) else {
            return ConsoleHTTP.text(.badRequest, "the conflict id must be a number")
        }
        do {
            let message = try await ResolveJob(state: state, conflictId: id, choice: choice).run()
            await work.queue(.poll, why: "decision on conflict \(id)")
            await auth.setFlash(
                session.id,
                message.replacingOccurrences(
                    of: "the next run applies it", with: "a pass is queued to apply it"))
        } catch let error as StoreError {
            await auth.setFlash(session.id, "Nothing recorded: \(error.message)")
        } catch {
            await auth.setFlash(session.id, "Nothing recorded: \(error)")
        }
        return ConsoleHTTP.redirect("/console/conflicts")
    }

    func retryEvent(_ id: String, _ session: ConsoleSession) async -> Response {
        do {
            if try await store.requeueParkedInboxEvent(id: id) {
                await wakeWorker()
                await auth.setFlash(session.id, "Event \(id) is queued again with a fresh set of tries.")
            } else {
                await auth.setFlash(session.id, "Event \(id) is not parked (any more); nothing to retry.")
            }
        } catch {
            await auth.setFlash(session.id, "Nothing queued: \(error)")
        }
        return ConsoleHTTP.redirect("/console/failures")
    }

    func force(_ form: [String: String], _ session: ConsoleSession) async -> Response {
        guard form["confirm"] == "yes" else {
            await auth.setFlash(session.id, "Nothing forced: tick the box to accept the listed writes first.")
            return ConsoleHTTP.redirect("/console/rails")
        }
        let railsFrame = self.frame("Rails", current: "/console/rails", session: session, flash: nil)
        guard let shown = try? await self.rails(railsFrame), shown.holding, let run = shown.run,
            form["run"] == String(run.id)
        else {
            await auth.setFlash(
                session.id,
                "Nothing forced: what holds the next run changed since the page was shown; look again.")
            return ConsoleHTTP.redirect("/console/rails")
        }
        await work.queue(
            shown.forceKind == "full" ? .full : .poll, force: true,
            why: "forced past the rails of run \(run.id)")
        await auth.setFlash(
            session.id,
            "A forced \(shown.forceKind) pass is queued (accepting \(shown.plannedTotal) writes, \(shown.deletes) deletes). The Runs page shows it when it ends."
        )
        return ConsoleHTTP.redirect("/console/runs")
    }

    /// A run's stored report, as `fgsync report --format html` renders it. Its inline style and
    /// script get a per-answer nonce, which the CSP requires (nothing else inline runs).
    func report(_ id: String) async -> Response {
        do {
            let result = try await ReportJob(state: state, run: id, formats: [.html]).run()
            let nonce = ConsoleSession.randomToken()
            let html = String(decoding: result.rendered, as: UTF8.self)
                .replacingOccurrences(of: "<style>", with: "<style nonce=\"\(nonce)\">")
                .replacingOccurrences(of: "<script>", with: "<script nonce=\"\(nonce)\">")
            return ConsoleHTTP.html(
                .ok, html,
                csp:
                    "default-src 'none'; style-src 'nonce-\(nonce)'; script-src 'nonce-\(nonce)'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
            )
        } catch let error as ReportError {
            return ConsoleHTTP.text(error.code == .usage ? .badRequest : .notFound, error.message)
        } catch {
            return ConsoleHTTP.text(.internalServerError, "the report could not be read: \(error)")
        }
    }
}
