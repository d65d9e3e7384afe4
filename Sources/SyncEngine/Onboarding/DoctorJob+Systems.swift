import Foundation
import FulcrumAPI
import HighLevelAPI
import SyncCore
import SyncHTTP

// MARK: - The two systems: endpoints, tokens, scopes, link fields, mapping, limits

extension DoctorJob {
    func checkSystems(config: MappingConfig, connection: LiveConnection, headers: RateHeaders, into report: inout DoctorReport) async {
        // The form and the custom fields, read the way a run reads them (ReconcileJob.resolveMapping).
        var form: FormDefinition?
        do {
            let json = try await EndpointCheck.first(.fulcrum, config: config) { try await connection.fulcrum.form() }
            let parsed = try FormDefinition(json: json, source: "Fulcrum form \(config.fulcrum.id)")
            form = parsed
            report.add("fulcrum.form", .ok, "form \"\(parsed.name)\" (\(config.fulcrum.id)) read with the token in \(config.fulcrum.tokenEnv)")
        } catch {
            report.add("fulcrum.form", .error, "\(error)", fix: Self.fix(for: error, tokenVariable: config.fulcrum.tokenEnv))
        }
        var definitions: [GHLCustomField]?
        do {
            let read = try await EndpointCheck.first(.ghl, config: config) { try await connection.ghl.customFields() }
            definitions = read
            report.add("ghl.location", .ok, "location \(config.ghl.id): \(read.count) custom fields read (GET /locations/{id}/customFields)")
        } catch {
            report.add("ghl.location", .error, "\(error)", fix: Self.fix(for: error, tokenVariable: config.ghl.tokenEnv))
        }
        if let form { checkFulcrumLink(config: config, form: form, into: &report) }
        if let definitions { checkGHLLink(config: config, definitions: definitions, into: &report) }
        if let form, let definitions {
            do {
                let mapping = try ResolvedMapping(config: config, form: form, ghlCustomFields: definitions)
                report.add("mapping", .ok, "all \(mapping.fields.count) mapped fields exist on both sides with types that pair")
            } catch {
                report.add("mapping", .error, "\(error)", fix: "correct the entry in \(configPath), or restore the field (a field deleted from the form or the location must leave the config too)")
            }
        }
        if form != nil { await checkFulcrumScopes(connection: connection, into: &report) }
        if definitions != nil {
            await checkGHLScopes(config: config, connection: connection, into: &report)
            // Headroom as it stood before the child probes spend a few requests of their own.
            checkRateLimit(headers.snapshot, into: &report)
            await checkChildScopes(config: config, connection: connection, into: &report)
            await checkDuplicates(connection: connection, into: &report)
        }
    }

    func checkFulcrumLink(config: MappingConfig, form: FormDefinition, into report: inout DoctorReport) {
        let name = config.fulcrumLinkField
        guard let element = form.elements[name] else {
            report.add(
                "link.fulcrum_field", .error, "form \"\(form.name)\" has no field \"\(name)\" to hold the GHL contactId",
                fix: "in Fulcrum's app builder add a Text field with data name \"\(name)\", tick Hidden, save the form (the API cannot edit forms)")
            return
        }
        guard element.type == "TextField", element.repeatable == nil else {
            report.add(
                "link.fulcrum_field", .error, "\"\(name)\" is a \(element.type)\(element.repeatable.map { " inside \($0)" } ?? ""); the contactId needs a top-level TextField",
                fix: "add a hidden top-level Text field and name it in link.fulcrum_field")
            return
        }
        report.add("link.fulcrum_field", .ok, "\"\(name)\" is a TextField on the form")
    }

    func checkGHLLink(config: MappingConfig, definitions: [GHLCustomField], into report: inout DoctorReport) {
        let name = config.ghlLinkField
        let short = name.hasPrefix("contact.") ? String(name.dropFirst("contact.".count)) : name
        guard let field = definitions.first(where: { $0.id == name || $0.fieldKey == name || $0.fieldKey == "contact.\(short)" }) else {
            report.add(
                "link.ghl_custom_field", .error, "location \(config.ghl.id) has no custom field \"\(name)\" to hold the Fulcrum record id",
                fix: "run fgsync init --create-missing (it creates a TEXT field \"\(ConfigProposal.linkFieldName)\"), or create one in GHL and name its key in link.ghl_custom_field")
            return
        }
        guard field.type == .text || field.type == .largeText else {
            report.add(
                "link.ghl_custom_field", .error, "\"\(field.name)\" (\(field.id)) is a \(field.dataType) field; the Fulcrum record id needs TEXT",
                fix: "create a TEXT custom field for the record id and name it in link.ghl_custom_field")
            return
        }
        report.add("link.ghl_custom_field", .ok, "\"\(field.name)\" (\(field.id)) is a \(field.dataType) field")
    }

    /// Fulcrum: a read of one record and a write probe (PATCH of a record id that does not exist).
    func checkFulcrumScopes(connection: LiveConnection, into report: inout DoctorReport) async {
        let client = connection.fulcrum.client
        var problems: [String] = []
        do {
            _ = try await client.recordsPage(formId: connection.fulcrum.formId, perPage: 1)
        } catch {
            problems.append("reading records (GET /records.json?per_page=1) failed: \(error)")
        }
        do {
            _ = try await client.patchRecord(id: Self.probeId, json: Data(#"{"record":{}}"#.utf8))
            problems.append("the write probe PATCH /records/\(Self.probeId) unexpectedly succeeded")
        } catch let error as APIError where error.isNotFound {
            // 404: the token may write; the record does not exist, so nothing changed.
        } catch {
            problems.append("the write probe (PATCH of a record id that does not exist) was refused: \(error)")
        }
        let how = "checked by GET /records.json?per_page=1 and a PATCH of a record id that does not exist (404 = may write; approximate: roles can differ per form)"
        if problems.isEmpty {
            report.add("fulcrum.scopes", .ok, "the token reads and may write records; \(how)")
        } else {
            report.add("fulcrum.scopes", .error, problems.joined(separator: "; ") + "; \(how)", fix: "give the token's user a role that can edit records of this form")
        }
    }

    /// GHL: one probe per scope a run needs. `contacts.readonly`: a search of one contact;
    /// `locations/customFields.readonly`: the definitions read above; `contacts.write`: a PUT of a
    /// contact id that does not exist (not found = allowed, 401 = the scope is missing).
    func checkGHLScopes(config: MappingConfig, connection: LiveConnection, into report: inout DoctorReport) async {
        let client = connection.ghl.client
        var missing: [String] = []
        do {
            _ = try await client.searchContacts(pageLimit: 1)
        } catch {
            missing.append("contacts.readonly (POST /contacts/search: \(error))")
        }
        do {
            _ = try await client.updateContact(id: Self.probeId, json: Data("{}".utf8))
            missing.append("contacts.write (the probe PUT /contacts/\(Self.probeId) unexpectedly succeeded)")
        } catch let error as APIError where error.isNotFound {
            // Not found: the scope is there; the contact does not exist, so nothing changed.
        } catch let error as APIError where error.isAuthFailure || error.status == 403 {
            missing.append("contacts.write (PUT of a contact id that does not exist answered \(error.status.map(String.init) ?? "401"))")
        } catch {
            missing.append("contacts.write (the probe failed: \(error))")
        }
        let kinds = config.children.mappings.map { "ghl.scopes.\($0.kind.configKey)" }
        let children = kinds.isEmpty ? "notes, tasks and appointments are not mapped by this config, so not checked" : "the mapped children: see \(kinds.joined(separator: ", "))"
        let how = "checked: locations/customFields.readonly by GET /locations/{id}/customFields, contacts.readonly by POST /contacts/search (1 contact), contacts.write by a PUT of a contact id that does not exist (not found = allowed); \(children). Probes are approximate"
        if missing.isEmpty {
            report.add("ghl.scopes", .ok, how)
        } else {
            report.add(
                "ghl.scopes", .error, "missing or refused: \(missing.joined(separator: "; ")); \(how)",
                fix: "give the private integration (or the OAuth app) the scopes contacts.readonly contacts.write locations/customFields.readonly")
        }
    }

    func checkRateLimit(_ values: [String: Int], into report: inout DoctorReport) {
        guard let daily = values["X-RateLimit-Daily-Remaining"] else {
            report.add("ghl.rate_limit", .warning, "GHL sent no X-RateLimit-Daily-Remaining header, so today's headroom is unknown", fix: "none needed; fgsync paces itself from the headers when they come")
            return
        }
        let limit = values["X-RateLimit-Limit-Daily"]
        let burst = values["X-RateLimit-Max"].map { max in " and \(max) per \(Double(values["X-RateLimit-Interval-Milliseconds"] ?? 10_000) / 1_000)s" } ?? ""
        let detail = "\(daily)\(limit.map { " of \($0)" } ?? "") requests left today for this location\(burst) (from the last answer's X-RateLimit-* headers)"
        if daily == 0 {
            report.add("ghl.rate_limit", .error, detail, fix: "wait for GHL's day to turn; every request would be refused")
        } else if let limit, daily * 10 < limit {
            report.add("ghl.rate_limit", .warning, detail, fix: "a first sync needs about one request per 500 contacts to read and one per write; run it after GHL's day turns if that is more")
        } else {
            report.add("ghl.rate_limit", .ok, detail)
        }
    }

    func checkDuplicates(connection: LiveConnection, into report: inout DoctorReport) async {
        do {
            let body = try await connection.ghl.client.location()
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            let settings = ((object?["location"] as? [String: Any]) ?? object)?["settings"] as? [String: Any]
            guard let allows = settings?["allowDuplicateContact"] as? Bool else {
                report.add("ghl.duplicates", .warning, "GET /locations/{id} did not say whether the location allows duplicate contacts (no settings.allowDuplicateContact)", fix: "check Settings > Business Profile > Allow Duplicate Contact in GHL")
                return
            }
            if allows {
                report.add(
                    "ghl.duplicates", .warning, "the location allows duplicate contacts: GHL will not refuse a second contact with the same email, so a create whose answer was lost is found by fgsync's duplicate check, not by GHL's refusal",
                    fix: "turn Allow Duplicate Contact off in GHL if nothing else needs it")
            } else {
                report.add("ghl.duplicates", .ok, "the location refuses duplicate contacts (GHL answers a second create with the existing contact, which fgsync links)")
            }
        } catch {
            report.add(
                "ghl.duplicates", .warning, "cannot tell whether the location allows duplicate contacts: GET /locations/{id} answered \(error)",
                fix: "give the token locations.readonly to let doctor check, or look at Settings > Business Profile > Allow Duplicate Contact in GHL")
        }
    }

    /// The fix for a failed first request to a system.
    static func fix(for error: any Error, tokenVariable: String) -> String {
        if let error = error as? APIError, error.isAuthFailure {
            return "the token in \(tokenVariable) was refused: set a valid token there (for GHL OAuth: fgsync auth ghl --refresh)"
        }
        if error is SyncEngineError { return "correct the url and id in the config as the message says" }
        return "check the system is reachable and run fgsync doctor again"
    }
}
