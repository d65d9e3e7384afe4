import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Responses and requests of the console: security headers on every answer, forms, cookies.
enum ConsoleHTTP {
    /// The session cookie's name.
    static let cookie = "fgsync_console"

    /// No inline script or style, nothing from elsewhere, no framing, forms only to ourselves.
    static let csp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Headers every console answer carries.
    static func headers(contentType: String, csp: String = csp) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentSecurityPolicy] = csp
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[.cacheControl] = "no-store"
        return headers
    }

    /// An HTML answer.
    static func html(_ status: HTTPResponse.Status, _ text: String, csp: String = csp) -> Response {
        Response(
            status: status, headers: headers(contentType: "text/html; charset=utf-8", csp: csp),
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A plain-text answer (refusals of form posts and fragments).
    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: headers(contentType: "text/plain; charset=utf-8"),
            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// "See other": where a form post or a signed-out page goes next.
    static func redirect(_ location: String, setCookie: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: headers(contentType: "text/plain; charset=utf-8"))
        response.headers[.location] = location
        if let setCookie { response.headers[.setCookie] = setCookie }
        return response
    }

    /// The `Set-Cookie` value of a session (or, with no session, one that ends the cookie).
    static func setCookie(_ session: ConsoleSession?, lifetime: Duration, secure: Bool) -> String {
        let value = session?.id ?? ""
        let age = session == nil ? 0 : lifetime.components.seconds
        return
            "\(cookie)=\(value); Path=/console; Max-Age=\(age); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// The session id the request's cookie carries.
    static func sessionId(_ request: Request) -> String? {
        request.cookies[cookie]?.value
    }

    /// Whether a POST came from this console: a browser sends `Origin` on every POST, and it
    /// must name the host the request was sent to, or the one a TLS proxy says it was sent to
    /// (`X-Forwarded-Host`). A missing header is let through: the CSRF token and the SameSite
    /// cookie still hold.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        let stripped = origin.replacingOccurrences(of: "https://", with: "").replacingOccurrences(
            of: "http://", with: ""
        ).lowercased()
        let hosts = [request.head.authority, request.headers[HTTPField.Name("X-Forwarded-Host")!]].compactMap
        { $0?.lowercased() }
        return hosts.contains(stripped)
    }

    /// The fields of an `application/x-www-form-urlencoded` body (64 KiB at most; `nil` if larger).
    static func form(_ request: Request) async -> [String: String]? {
        guard let buffer = try? await request.body.collect(upTo: 1 << 16) else { return nil }
        return parseForm(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// Parses `a=1&b=two+words`; the first of a repeated name wins.
    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
