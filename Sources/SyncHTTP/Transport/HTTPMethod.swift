/// An HTTP request method.
///
/// A closed set: fgsync only needs these five, and a closed enum lets the retry policy decide
/// idempotence with a `switch`.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    /// GET: read, idempotent.
    case get = "GET"
    /// POST: create or search; only searches are idempotent.
    case post = "POST"
    /// PUT: full replace, idempotent.
    case put = "PUT"
    /// PATCH: top-level merge; idempotent for the merges fgsync sends (same keys, same values).
    case patch = "PATCH"
    /// DELETE: idempotent (a repeated delete answers "not found").
    case delete = "DELETE"
}
