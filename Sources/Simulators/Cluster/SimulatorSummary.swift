/// Where the running simulators are and how to authenticate: the first stdout line of
/// `fgsync simulate`, and what in-process users get back from `SimulatorCluster.start()`.
public struct SimulatorSummary: Codable, Sendable, Equatable {
    /// The Fulcrum side.
    public struct Fulcrum: Codable, Sendable, Equatable {
        /// Base URL, e.g. `http://127.0.0.1:50123` (the API is under `/api/v2`).
        public var url: String
        /// API token (`X-ApiToken`).
        public var token: String
        /// Id of the "Contacts" form.
        public var formId: String

        /// Creates the Fulcrum part.
        public init(url: String, token: String, formId: String) {
            self.url = url
            self.token = token
            self.formId = formId
        }
    }

    /// The GHL side.
    public struct GHL: Codable, Sendable, Equatable {
        /// Base URL, e.g. `http://127.0.0.1:50124`.
        public var url: String
        /// Private integration token (`Authorization: Bearer`).
        public var token: String
        /// The location (sub-account) id.
        public var locationId: String
        /// Custom field id that holds the Fulcrum record id.
        public var externalIdFieldId: String
        /// The agency (company) id, for the Company-token flow; only with more than one location.
        public var companyId: String?

        /// Creates the GHL part.
        public init(url: String, token: String, locationId: String, externalIdFieldId: String, companyId: String? = nil) {
            self.url = url
            self.token = token
            self.locationId = locationId
            self.externalIdFieldId = externalIdFieldId
            self.companyId = companyId
        }
    }

    /// One (Fulcrum form, GHL location) pair of `fgsync simulate --locations N`.
    public struct Sync: Codable, Sendable, Equatable {
        /// The sync's name in the written config (`loc-1`, `loc-2`...).
        public var name: String
        /// Its Fulcrum form.
        public var formId: String
        /// Its GHL location.
        public var locationId: String
        /// The location's link field id (each location has its own); not printed.
        public var externalIdFieldId: String

        /// Creates a pair.
        public init(name: String, formId: String, locationId: String, externalIdFieldId: String) {
            self.name = name
            self.formId = formId
            self.locationId = locationId
            self.externalIdFieldId = externalIdFieldId
        }

        enum CodingKeys: String, CodingKey { case name, formId, locationId }

        /// Decodes the printed keys (the link field id is not printed).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            formId = try container.decode(String.self, forKey: .formId)
            locationId = try container.decode(String.self, forKey: .locationId)
            externalIdFieldId = ""
        }
    }

    /// Fulcrum simulator.
    public var fulcrum: Fulcrum
    /// GHL simulator.
    public var ghl: GHL
    /// Every pair when there is more than one (`nil` with one location: the line stays as it was).
    public var syncs: [Sync]?

    /// Creates a summary.
    public init(fulcrum: Fulcrum, ghl: GHL, syncs: [Sync]? = nil) {
        self.fulcrum = fulcrum
        self.ghl = ghl
        self.syncs = syncs
    }

    /// A ready fgsync config for these simulators (tokens are not written: they come from the
    /// environment variables named by `token_env`): a single-sync config for one pair, a
    /// `syncs:` config (one shared mapping) for several.
    public func fgsyncConfigYAML() -> String {
        if let syncs, syncs.count > 1 { return syncsConfigYAML(syncs) }
        return singleConfigYAML()
    }

    func singleConfigYAML() -> String {
        """
        fulcrum:
          url: \(fulcrum.url)
          form_id: \(fulcrum.formId)
          token_env: FULCRUM_TOKEN
          # fgsync serve takes Fulcrum's webhooks at /webhooks/fulcrum/$FGSYNC_FULCRUM_WEBHOOK_SECRET.
          webhook_secret_env: FGSYNC_FULCRUM_WEBHOOK_SECRET
        ghl:
          url: \(ghl.url)
          location_id: \(ghl.locationId)
          token_env: GHL_TOKEN
          # The simulator signs its webhooks with its own keys (fgsync serve also trusts GHL's published RSA key).
          webhook_public_keys:
            - "ed25519:\(GHLWebhookSigner.shared.ed25519PublicKeyBase64)"
            - |
              rsa:
        \(GHLWebhookSigner.shared.rsaPublicKeyPEM.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n"))
        link:
          ghl_custom_field: \(ghl.externalIdFieldId)
          fulcrum_field: ghl_contact_id
        tags:
          fulcrum_field: tags
        fields:
          - { fulcrum: first_name, ghl: firstName }
          - { fulcrum: last_name, ghl: lastName }
          - { fulcrum: email, ghl: email }
          - { fulcrum: phone, ghl: phone }
          - { fulcrum: company_name, ghl: companyName }
        \(FulcrumDefaultForm.typedMappingYAML)defaults:
          phone_region: US
          conflict_policy: newest
        deletes:
          mode: propagate
          max_delete: 20%
        # Notes and tasks both ways, appointments GHL -> Fulcrum; each GHL id in a hidden field of its item.
        children:
          time_zone: UTC
          sweep: 10%
          notes: { repeatable: notes, link_field: ghl_note_id, fields: { body: body } }
          tasks:
            repeatable: tasks
            link_field: ghl_task_id
            fields: { title: title, body: body, dueDate: due_date, completed: completed }
          appointments:
            repeatable: appointments
            link_field: ghl_appointment_id
            direction: to_fulcrum
            fields: { title: title, startTime: start_time, endTime: end_time, status: status, calendarId: calendar_id }

        """
    }
}
