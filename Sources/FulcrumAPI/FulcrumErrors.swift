import Foundation

/// Reads Fulcrum's validation answers: `{"<resource>": {"errors": {"<field>": ["msg", ...]}}}`,
/// where `errors` may also be a plain string (kept under the key `base`).
enum FulcrumErrors {
    static func fieldErrors(in body: Data) -> [String: [String]] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [:] }
        for case let resource as [String: Any] in object.values {
            if let errors = resource["errors"] as? [String: Any] {
                var result: [String: [String]] = [:]
                for (field, value) in errors {
                    if let messages = value as? [String] {
                        result[field] = messages
                    } else if let message = value as? String {
                        result[field] = [message]
                    }
                }
                return result
            }
            if let message = resource["errors"] as? String {
                return ["base": [message]]
            }
        }
        return [:]
    }
}
