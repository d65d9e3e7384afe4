/// Validation messages for a 422.
struct GHLValidationFailure: Error {
    let messages: [String]
}
