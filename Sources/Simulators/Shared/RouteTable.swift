import Foundation

/// Matches request paths against route templates such as `/contacts/:contactId/tasks`.
///
/// The matched template (not the raw path) is what stats and fault rules are keyed by. When two
/// templates match, the one with more literal segments wins (`/contacts/search` beats
/// `/contacts/:contactId`).
struct RouteTable<Route: Sendable>: Sendable {
    struct Entry: Sendable {
        let method: String
        let template: String
        let segments: [String]
        let route: Route
    }

    /// A successful match.
    struct Match: Sendable {
        let route: Route
        let template: String
        let params: [String: String]
    }

    private(set) var entries: [Entry] = []

    mutating func add(_ method: String, _ template: String, _ route: Route) {
        entries.append(
            Entry(method: method, template: template, segments: Self.split(template), route: route))
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Finds the best route; `pathExists` tells a 404 from a 405-style miss.
    func match(method: String, segments: [String]) -> (match: Match?, pathExists: Bool) {
        var best: (Match, Int)?
        var pathExists = false
        for entry in entries where entry.segments.count == segments.count {
            var params: [String: String] = [:]
            var literals = 0
            var ok = true
            for (pattern, actual) in zip(entry.segments, segments) {
                if pattern.hasPrefix(":") {
                    params[String(pattern.dropFirst())] = actual.removingPercentEncoding ?? actual
                } else if pattern == actual {
                    literals += 1
                } else {
                    ok = false
                    break
                }
            }
            guard ok else { continue }
            pathExists = true
            guard entry.method == method else { continue }
            if best == nil || literals > best!.1 {
                best = (Match(route: entry.route, template: entry.template, params: params), literals)
            }
        }
        return (best?.0, pathExists)
    }
}
