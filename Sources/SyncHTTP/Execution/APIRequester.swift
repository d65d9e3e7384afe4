import Foundation
import Logging

/// Sends one logical request with everything around it: bounded concurrency, the gate (pacing
/// or hourly budget), retries with jittered backoff, counting and redacted logging.
///
/// Shared machinery of `FulcrumAPI` and `HighLevelAPI` (hence `package`). It returns the final
/// response whatever its status, so each client can map its API's own error shapes; the
/// `standardError` mapping covers the rest.
package struct APIRequester: Sendable {
    /// Where requests go.
    package let transport: any HTTPTransport
    /// Retries, timeout, clock, logger, counters.
    package let options: ClientOptions
    /// The pacer or budget.
    package let gate: any RequestGate
    /// Bounds requests in flight.
    package let limiter: ConcurrencyLimiter
    /// Scrubs secrets from messages and logs.
    package let redactor: SecretRedactor

    /// Creates a requester.
    package init(
        transport: any HTTPTransport,
        options: ClientOptions,
        gate: any RequestGate,
        redactor: SecretRedactor
    ) {
        self.transport = transport
        self.options = options
        self.gate = gate
        self.limiter = ConcurrencyLimiter(limit: options.maxConcurrentRequests)
        self.redactor = redactor
    }

    /// The counters this requester updates.
    package var counters: RequestCounters { options.counters }

    /// Sends `request`, retrying retryable failures; returns the last response and how many
    /// sends it took. Throws `APIError` (`timeout`/`transport`) when no response came.
    package func perform(_ request: HTTPRequest) async throws -> (response: HTTPResponse, attempts: Int) {
        counters.update { $0.calls += 1 }
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            do {
                let response = try await sendOnce(request, attempt: attempt)
                counters.record(status: response.status)
                log(request, attempt: attempt, status: response.status)
                guard attempt < options.retry.maxAttempts,
                    options.retry.shouldRetry(status: response.status, request: request)
                else { return (response, attempt) }
                let delay =
                    options.retry.retryAfter(response.headers)
                    ?? options.retry.backoff(retry: attempt, jitter: options.jitter)
                try await backOff(delay, request: request, reason: "status \(response.status)")
            } catch let error as TransportError {
                counters.record(error)
                log(request, attempt: attempt, failure: error)
                guard attempt < options.retry.maxAttempts, options.retry.shouldRetry(error, request: request)
                else { throw apiError(for: error, request: request, attempts: attempt) }
                let delay = options.retry.backoff(retry: attempt, jitter: options.jitter)
                try await backOff(delay, request: request, reason: error.kind.rawValue)
            }
        }
    }

    /// One send: waits for a permit and the gate, then exchanges.
    func sendOnce(_ request: HTTPRequest, attempt: Int) async throws -> HTTPResponse {
        try await limiter.withPermit {
            // A task cancelled while it waited for a permit sends nothing.
            try Task.checkCancellation()
            let wait: Duration
            do {
                wait = try await gate.reserve()
            } catch var error as APIError {
                error.route = request.route
                throw error
            }
            if wait > .zero {
                counters.update {
                    $0.pacedSends += 1
                    $0.pacedTime += wait
                }
                options.logger.debug(
                    "paced", metadata: ["route": "\(request.route)", "wait_ms": "\(wait.milliseconds)"])
                try await options.sleeper.sleep(for: wait)
            }
            counters.update { $0.sent += 1 }
            options.logger.trace(
                "sending",
                metadata: [
                    "route": "\(request.route)", "attempt": "\(attempt)",
                    "headers": "\(redactor.redactedHeaders(request.headers).sorted { $0.key < $1.key })",
                ])
            let response: HTTPResponse
            let sentAt = options.sleeper.now()
            do {
                response = try await transport.send(request)
            } catch {
                await gate.abandon()
                throw error
            }
            await gate.observe(response, sentAt: sentAt)
            return response
        }
    }

    /// Sleeps before a retry, counting it.
    func backOff(_ delay: Duration, request: HTTPRequest, reason: String) async throws {
        counters.update {
            $0.retries += 1
            $0.backoffTime += delay
        }
        options.logger.info(
            "retrying",
            metadata: [
                "route": "\(request.route)", "reason": "\(reason)", "delay_ms": "\(delay.milliseconds)",
            ])
        try await options.sleeper.sleep(for: delay)
    }

    func log(_ request: HTTPRequest, attempt: Int, status: Int) {
        options.logger.debug(
            "response",
            metadata: ["route": "\(request.route)", "attempt": "\(attempt)", "status": "\(status)"])
    }

    func log(_ request: HTTPRequest, attempt: Int, failure: TransportError) {
        options.logger.warning(
            "exchange failed",
            metadata: [
                "route": "\(request.route)", "attempt": "\(attempt)",
                "error": "\(redactor.scrub(failure.description))",
            ])
    }

    /// The `APIError` for a failed exchange.
    func apiError(for error: TransportError, request: HTTPRequest, attempts: Int) -> APIError {
        let code: APIError.Code = error.kind == .timeout ? .timeout : .transport
        var message = redactor.scrub(error.description)
        if !request.isIdempotent && error.requestSent {
            message += "; the server may have acted on it, so look the item up before sending it again"
        }
        return APIError(code, route: request.route, message: message, attempts: attempts)
    }

    /// The error for a non-2xx response with no API-specific meaning: 401 `unauthorized`, 404
    /// `notFound`, 429 `rateLimited`, 5xx `server`, other 4xx `rejected(status)`.
    package func standardError(for response: HTTPResponse, request: HTTPRequest, attempts: Int) -> APIError {
        let code: APIError.Code
        switch response.status {
        case 401: code = .unauthorized
        case 404: code = .notFound
        case 429: code = .rateLimited
        case 500...: code = .server
        case 200..<300: code = .invalidResponse
        default: code = .rejected(status: response.status)
        }
        var message = serverMessage(response.body)
        if code == .server && !request.isIdempotent {
            message +=
                (message.isEmpty ? "" : "; ")
                + "the server may have acted on it, so look the item up before sending it again"
        }
        return APIError(
            code, route: request.route, status: response.status, message: message, attempts: attempts)
    }

    /// The server's message from an error body (`message` as text or list, else `error`), scrubbed
    /// and shortened; the raw body's start when it is not such JSON.
    package func serverMessage(_ body: Data) -> String {
        var text = ""
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let message = object["message"] as? String {
                text = message
            } else if let messages = object["message"] as? [String] {
                text = messages.joined(separator: "; ")
            } else if let error = object["error"] as? String {
                text = error
            }
        } else {
            text = String(decoding: body.prefix(300), as: UTF8.self)
        }
        let scrubbed = redactor.scrub(text)
        return scrubbed.count > 300 ? String(scrubbed.prefix(300)) + "..." : scrubbed
    }

    /// Logs a notable event at info level (for client modules that do not import Logging); the
    /// text is scrubbed of known secrets.
    package func note(_ message: String, route: String) {
        options.logger.info("\(redactor.scrub(message))", metadata: ["route": "\(route)"])
    }

    /// An `invalidResponse` error for a 2xx body that does not parse.
    package func invalidResponse(_ request: HTTPRequest, _ what: String) -> APIError {
        APIError(.invalidResponse, route: request.route, status: nil, message: what)
    }
}

extension Duration {
    /// Whole milliseconds, for log metadata.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
