/// Settings of the Fulcrum simulator.
public struct FulcrumOptions: Sendable {
    /// API token accepted in `X-ApiToken` or `?token=`.
    public var token = "fulcrum-sim-token-0000000000000000000000000000000000000000"
    /// Id of the default "Contacts" form.
    public var formId = "3f6c2a4e-5b1d-4c8e-9a7f-0d2e1b3c4a5f"
    /// How many forms the organisation has (`fgsync simulate --locations N`): `formId`, then
    /// `formIds[1...]`, each a default "Contacts" form (or `form`). One token and one hourly
    /// budget serve them all, as Fulcrum's limit is per organisation.
    public var formCount = 1
    /// A form to serve instead of the default "Contacts" form: the form object (or the
    /// `{"form": {...}}` body of `GET /forms/:id`), served under `formId` (rehearsals and the
    /// golden scenarios bring their own forms).
    public var form: JSONValue?
    /// Organization id (`owner_id` on webhook deliveries).
    public var organizationId = "5f0c1e2d3b4a596877665544"
    /// The token's user id.
    public var userId = "50633f84a934480d260001db"
    /// The token's user display name.
    public var userName = "Sim User"
    /// Calls allowed per hour per token.
    public var hourlyLimit = 5_000
    /// Whether a delete bumps `version` (the documented examples suggest it does).
    public var bumpVersionOnDelete = true
    /// Webhook retries after the first attempt (Fulcrum: 25).
    public var webhookMaxRetries = 25
    /// Scale of the Sidekiq-style retry schedule `(n^4 + 15) s`; 1 is real time.
    public var webhookRetryScale: Double = 1

    /// Creates the default options.
    public init() {}

    /// Every form id: `formId`, then `3f6c2a4e-5b1d-4c8e-9a7f-0d2e1b3c0002`...
    public var formIds: [String] {
        [formId] + (1..<max(1, formCount)).map { index in
            let digits = String(index + 1)
            return "3f6c2a4e-5b1d-4c8e-9a7f-0d2e1b3c" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }
}
