extension HTTPHeaders: CustomStringConvertible, CustomDebugStringConvertible {
    /// The fields with credential values (`Authorization`, `X-ApiToken`, cookies) masked, so
    /// interpolating headers into a log line never leaks a token.
    public var description: String {
        let shown = fields.map { field in
            let secret = SecretRedactor.credentialHeaders.contains(field.name.lowercased())
            return "\(field.name): \(secret ? SecretRedactor.mask : field.value)"
        }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    /// Same as `description`.
    public var debugDescription: String { description }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible {
    /// The route template and body size only: never the URL (ids) or the headers (tokens).
    public var description: String {
        "\(route) (\(body?.count ?? 0) body bytes)"
    }

    /// The route, masked headers and body size.
    public var debugDescription: String {
        "\(route) \(headers) (\(body?.count ?? 0) body bytes)"
    }
}
