import Foundation

extension FulcrumStore {
    // MARK: - Validation

    /// Field errors for a record body, keyed like Rails (`{"form_id": ["cannot be blank"]}`).
    func validationErrors(_ body: [String: JSONValue], creating: Bool) -> [String: JSONValue] {
        var errors: [String: [String]] = [:]
        if creating {
            if let id = body["id"], !id.isNull {
                if let text = id.stringValue, !text.isEmpty {
                    if records[text] != nil { errors["id", default: []].append("has already been taken") }
                } else {
                    errors["id", default: []].append("is invalid")
                }
            }
            let formId = body["form_id"]?.stringValue ?? ""
            if formId.isEmpty {
                errors["form_id", default: []].append("cannot be blank")
            } else if forms[formId] == nil {
                errors["form_id", default: []].append("is invalid")
            }
            if body["form_values"] == nil || body["form_values"]!.isNull {
                errors["form_values", default: []].append("cannot be blank")
            }
        }
        if let values = body["form_values"], !values.isNull, values.objectValue == nil {
            errors["form_values", default: []].append("must be an object")
        }
        for key in [
            "latitude", "longitude", "altitude", "speed", "course", "horizontal_accuracy",
            "vertical_accuracy",
            "created_duration", "updated_duration", "edited_duration",
        ] {
            if let value = body[key], !value.isNull, value.doubleValue == nil {
                errors[key, default: []].append("is not a number")
            }
        }
        for key in [
            "status", "project_id", "assigned_to_id", "changeset_id", "client_created_at",
            "client_updated_at",
        ] {
            if let value = body[key], !value.isNull, value.stringValue == nil {
                errors[key, default: []].append("is invalid")
            }
        }
        for key in ["client_created_at", "client_updated_at"] {
            if let text = body[key]?.stringValue, TimeFormat.parseISO(text) == nil {
                errors[key, default: []].append("is invalid")
            }
        }
        if let geometry = body["geometry"], !geometry.isNull {
            if geometry["type"]?.stringValue == nil || geometry["coordinates"]?.arrayValue == nil {
                errors["geometry", default: []].append("is invalid")
            }
        }
        return errors.mapValues { .array($0.map(JSONValue.string)) }
    }

    // MARK: - Shaping

    /// Sets latitude/longitude/geometry from whichever the client sent; keeps them when none.
    func applyLocation(_ body: [String: JSONValue], to json: inout [String: JSONValue]) {
        let lat = body["latitude"]?.doubleValue
        let lon = body["longitude"]?.doubleValue
        let geometry = body["geometry"].flatMap { $0.isNull ? nil : $0 }
        let sentAny = FulcrumRecord.locationKeys.contains { body[$0] != nil }
        guard sentAny else { return }
        json["latitude"] = lat.map(JSONValue.double) ?? .null
        json["longitude"] = lon.map(JSONValue.double) ?? .null
        json["geometry"] = geometry ?? .null
        if let lat, let lon, geometry == nil {
            json["geometry"] = ["type": "Point", "coordinates": [.double(lon), .double(lat)]]
        } else if let geometry, lat == nil || lon == nil {
            var points: [(Double, Double)] = []
            func collect(_ value: JSONValue) {
                if let pair = value.arrayValue, pair.count >= 2, let x = pair[0].doubleValue,
                    let y = pair[1].doubleValue
                {
                    points.append((x, y))
                } else {
                    value.arrayValue?.forEach(collect)
                }
            }
            collect(geometry["coordinates"] ?? .null)
            if !points.isEmpty {
                json["longitude"] = .double(points.map(\.0).reduce(0, +) / Double(points.count))
                json["latitude"] = .double(points.map(\.1).reduce(0, +) / Double(points.count))
            }
        }
    }

    /// Gives repeatable items the server fields a device would (id, version, epoch-string times).
    func completeRepeatables(_ values: [String: JSONValue], formId: String) -> [String: JSONValue] {
        guard let form = forms[formId] else { return values }
        let keys = FulcrumDefaultForm.repeatableKeys(of: form)
        var out = values
        let nowSeconds = String(clock.nowMillis() / 1000)
        for key in keys {
            guard let items = values[key]?.arrayValue else { continue }
            out[key] = .array(
                items.map { item in
                    guard var child = item.objectValue else { return item }
                    if child["id"]?.stringValue == nil { child["id"] = .string(random.uuid()) }
                    if child["version"] == nil { child["version"] = 1 }
                    if child["created_at"] == nil { child["created_at"] = .string(nowSeconds) }
                    if child["updated_at"] == nil { child["updated_at"] = .string(nowSeconds) }
                    if child["form_values"] == nil { child["form_values"] = [:] }
                    if child["created_by_id"] == nil { child["created_by_id"] = .string(options.userId) }
                    if child["updated_by_id"] == nil { child["updated_by_id"] = .string(options.userId) }
                    return .object(child)
                })
        }
        return out
    }

    /// Sets the client-writable top-level keys; unknown projects and assignees are dropped.
    func applyWritable(_ body: [String: JSONValue], to json: inout [String: JSONValue], replacing: Bool) {
        for key in FulcrumRecord.writableKeys where replacing || body[key] != nil {
            json[key] = body[key] ?? .null
        }
        if body["project_id"] != nil || replacing { json["project_id"] = .null }
        if body["assigned_to_id"] != nil || replacing {
            let assigned = body["assigned_to_id"]?.stringValue == options.userId
            json["assigned_to_id"] = assigned ? .string(options.userId) : .null
            json["assigned_to"] = assigned ? .string(options.userName) : .null
        }
    }

    // MARK: - Writes

    func createRecord(_ body: [String: JSONValue], emit: Bool = true) throws(SimError) -> FulcrumRecord {
        let errors = validationErrors(body, creating: true)
        guard errors.isEmpty else { throw FulcrumErrors.validation("record", .object(errors)) }
        let now = clock.nowMillis() / 1000 * 1000
        let formId = body["form_id"]!.stringValue!
        var id = body["id"]?.stringValue ?? random.uuid()
        while body["id"]?.stringValue == nil && usedRecordIds.contains(id) { id = random.uuid() }
        usedRecordIds.insert(id)
        var json: [String: JSONValue] = [
            "id": .string(id), "form_id": .string(formId), "version": 1,
            "created_at": .string(TimeFormat.isoSeconds(now)),
            "updated_at": .string(TimeFormat.isoSeconds(now)),
            "created_by": .string(options.userName), "created_by_id": .string(options.userId),
            "updated_by": .string(options.userName), "updated_by_id": .string(options.userId),
            "assigned_to": nil, "latitude": nil, "longitude": nil, "geometry": nil, "system_status": nil,
        ]
        applyWritable(body, to: &json, replacing: true)
        applyLocation(body, to: &json)
        json["form_values"] = .object(
            completeRepeatables(body["form_values"]?.objectValue ?? [:], formId: formId))
        let record = FulcrumRecord(json: json, createdAt: now, updatedAt: now)
        records[id] = record
        appendHistory(record, "c")
        if emit { emitRecord("record.create", record) }
        return record
    }

    /// PUT: the body is the whole record; omitted keys (and omitted form values) become empty.
    func replaceRecord(id: String, _ body: [String: JSONValue]) throws(SimError) -> FulcrumRecord {
        guard var record = records[id] else { throw FulcrumErrors.notFound }
        let errors = validationErrors(body, creating: false)
        guard errors.isEmpty else { throw FulcrumErrors.validation("record", .object(errors)) }
        applyWritable(body, to: &record.json, replacing: true)
        applyLocation(body, to: &record.json)
        record.json["form_values"] = .object(
            completeRepeatables(body["form_values"]?.objectValue ?? [:], formId: record.formId))
        return commitUpdate(record)
    }

    /// PATCH: top-level keys and top-level form values merge; null erases; nested values replace.
    func patchRecord(id: String, _ body: [String: JSONValue]) throws(SimError) -> FulcrumRecord {
        guard var record = records[id] else { throw FulcrumErrors.notFound }
        if let geometry = body["geometry"], !geometry.isNull, geometry["type"]?.stringValue == nil {
            throw FulcrumErrors.badRequest
        }
        let errors = validationErrors(body, creating: false)
        guard errors.isEmpty else { throw FulcrumErrors.validation("record", .object(errors)) }
        applyWritable(body, to: &record.json, replacing: false)
        applyLocation(body, to: &record.json)
        if let patch = body["form_values"]?.objectValue {
            var values = record.formValues
            for (key, value) in patch {
                if value.isNull { values[key] = nil } else { values[key] = value }
            }
            record.json["form_values"] = .object(completeRepeatables(values, formId: record.formId))
        }
        return commitUpdate(record)
    }

    func commitUpdate(_ changed: FulcrumRecord) -> FulcrumRecord {
        var record = changed
        let now = max(clock.nowMillis() / 1000 * 1000, record.updatedAt)
        record.updatedAt = now
        record.json["version"] = .int(record.version + 1)
        record.json["updated_at"] = .string(TimeFormat.isoSeconds(now))
        record.json["updated_by"] = .string(options.userName)
        record.json["updated_by_id"] = .string(options.userId)
        records[record.id] = record
        appendHistory(record, "u")
        emitRecord("record.update", record)
        return record
    }

    func deleteRecord(id: String) throws(SimError) -> FulcrumRecord {
        guard var record = records.removeValue(forKey: id) else { throw FulcrumErrors.notFound }
        if options.bumpVersionOnDelete { record.json["version"] = .int(record.version + 1) }
        appendHistory(record, "d")
        emitRecord("record.delete", record)
        return record
    }

    // MARK: - History and events

    func formVersion(_ formId: String) -> JSONValue { forms[formId]?["version"] ?? 1 }

    func appendHistory(_ record: FulcrumRecord, _ type: String) {
        let changeMillis = type == "d" ? clock.nowMillis() / 1000 * 1000 : record.updatedAt
        let sequence = max(lastSequence + 1, changeMillis)
        lastSequence = sequence
        var json = record.json
        json["history_id"] = .string(random.uuid())
        json["history_change_type"] = .string(type)
        json["history_created_at"] = .string(TimeFormat.isoSeconds(changeMillis))
        json["history_changed_by"] = .string(options.userName)
        json["history_changed_by_id"] = .string(options.userId)
        json["form_version"] = formVersion(record.formId)
        json["sequence"] = .int(Int(sequence))
        history.append(
            FulcrumHistoryEntry(
                sequence: sequence, recordId: record.id, formId: record.formId, changeType: type,
                json: .object(json)))
    }

    func emitRecord(_ type: String, _ record: FulcrumRecord) {
        var data = record.json
        data["form_version"] = formVersion(record.formId)
        outbox.append((type, .object(data)))
    }

    // MARK: - Webhooks

    func webhookErrors(_ body: [String: JSONValue]) -> [String: JSONValue] {
        var errors: [String: JSONValue] = [:]
        if (body["name"]?.stringValue ?? "").isEmpty { errors["name"] = ["can't be blank"] }
        let url = body["url"]?.stringValue ?? ""
        if url.isEmpty {
            errors["url"] = ["can't be blank", "is too short (minimum is 5 characters)"]
        } else if url.count < 5 {
            errors["url"] = ["is too short (minimum is 5 characters)"]
        }
        for key in ["active", "run_for_bulk_actions"] {
            if let value = body[key], !value.isNull, value.boolValue == nil { errors[key] = ["is invalid"] }
        }
        return errors
    }

    func saveWebhook(id: String?, _ body: [String: JSONValue]) throws(SimError) -> JSONValue {
        let errors = webhookErrors(body)
        guard errors.isEmpty else { throw FulcrumErrors.validation("webhook", .object(errors)) }
        let now = TimeFormat.isoSeconds(clock.nowMillis())
        var existing: [String: JSONValue] = [:]
        if let id {
            guard let found = webhooks[id]?.objectValue else { throw FulcrumErrors.notFound }
            existing = found
        }
        var webhookId = id ?? random.uuid()
        while id == nil && webhooks[webhookId] != nil { webhookId = random.uuid() }
        let webhook: JSONValue = [
            "id": .string(webhookId), "name": body["name"]!, "url": body["url"]!,
            "active": body["active"].flatMap { $0.isNull ? nil : $0 } ?? true,
            "run_for_bulk_actions": body["run_for_bulk_actions"].flatMap { $0.isNull ? nil : $0 } ?? true,
            "created_at": existing["created_at"] ?? .string(now), "updated_at": .string(now),
        ]
        webhooks[webhookId] = webhook
        return webhook
    }

    func activeWebhookURLs() -> [String] {
        webhooks.values.filter { $0["active"]?.boolValue != false }.compactMap { $0["url"]?.stringValue }
            .sorted()
    }
}

extension FulcrumStore {
    func removeWebhook(_ id: String) throws(SimError) -> Bool {
        webhooks.removeValue(forKey: id) != nil
    }
}
