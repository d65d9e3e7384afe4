import Foundation

extension GHLStore {
    // MARK: - Applying writes

    /// Applies a validated input to a contact (pure; no duplicate checks).
    func applying(_ input: GHLContactInput, to original: GHLContact, skipping skipped: Set<String> = [])
        -> GHLContact
    {
        var contact = original
        var fields = input.fields
        if let name = fields.removeValue(forKey: "name"), let text = name.stringValue,
            fields["firstName"] == nil, fields["lastName"] == nil
        {
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            fields["firstName"] = parts.first.map(JSONValue.string) ?? .null
            fields["lastName"] = parts.count > 1 ? .string(parts[1]) : .null
        }
        for (key, value) in fields where !skipped.contains(key) {
            if value.isNull || value.stringValue == "" {
                contact.fields[key] = nil
            } else if key == "phone", let text = value.stringValue {
                contact.fields[key] = .string(PhoneNormalizer.e164(text))
            } else {
                contact.fields[key] = value
            }
        }
        if let tags = input.tags {
            contact.tags = []
            for tag in tags.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !tag.isEmpty {
                if !contact.tags.contains(tag) { contact.tags.append(tag) }
            }
        }
        for (ref, value) in input.customFields ?? [] {
            guard let fieldId = resolveCustomField(ref),
                let definition = customFieldDefinitions().first(where: { $0["id"]?.stringValue == fieldId }),
                case .success(let stored) = GHLCustomFieldValue.stored(value, definition: definition)
            else { continue }
            contact.customFields[fieldId] = stored
        }
        return contact
    }

    /// 422 messages for custom field values that do not fit their field's type (see `GHLCustomFieldValue`).
    func customFieldProblems(_ input: GHLContactInput) -> [String] {
        var messages: [String] = []
        for (ref, value) in input.customFields ?? [] {
            guard let fieldId = resolveCustomField(ref),
                let definition = customFieldDefinitions().first(where: { $0["id"]?.stringValue == fieldId }),
                case .failure(let message) = GHLCustomFieldValue.stored(value, definition: definition)
            else { continue }
            messages.append(message.text)
        }
        return messages
    }

    /// An existing contact that shares an identifier with `contact`, in the location's priority order.
    func duplicate(of contact: GHLContact) -> (GHLContact, String)? {
        for identifier in options.duplicateIdentifiers {
            guard let value = normalizedIdentifier(contact, identifier) else { continue }
            if let match = contactsWith(identifier, value, excluding: contact.id).first {
                return (match, identifier)
            }
        }
        return nil
    }

    /// `GET /contacts/search/duplicate` (ghl.md §4.4): where the location allows duplicates, the
    /// email is looked for first, then the phone; otherwise the location's unique identifiers in
    /// their priority order. It reads the identity index, not the lagging search index.
    func duplicateSearch(email: String?, phone: String?) -> GHLContact? {
        let identifiers = options.allowDuplicateContacts ? ["email", "phone"] : options.duplicateIdentifiers
        for identifier in identifiers {
            let asked = identifier == "email" ? email?.lowercased() : phone.map(PhoneNormalizer.e164)
            guard let value = asked?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            if let match = contactsWith(identifier, value).first { return match }
        }
        return nil
    }

    /// Existing contacts with an identifier value, oldest first (via the identity index).
    func contactsWith(_ identifier: String, _ value: String, excluding id: String? = nil) -> [GHLContact] {
        (identityIndex[identifier + ":" + value] ?? []).filter { $0 != id }.compactMap { contacts[$0] }
            .sorted { ($0.dateAdded, $0.id) < ($1.dateAdded, $1.id) }
    }

    /// Stores a contact and keeps the identity index in step.
    func put(_ contact: GHLContact) {
        if let old = contacts[contact.id] { unindex(old) }
        contacts[contact.id] = contact
        for key in identityKeys(contact) { identityIndex[key, default: []].insert(contact.id) }
    }

    /// Removes a contact and its index entries.
    func drop(_ id: String) -> GHLContact? {
        guard let old = contacts.removeValue(forKey: id) else { return nil }
        unindex(old)
        return old
    }

    func unindex(_ contact: GHLContact) {
        for key in identityKeys(contact) {
            identityIndex[key]?.remove(contact.id)
            if identityIndex[key]?.isEmpty == true { identityIndex[key] = nil }
        }
    }

    func identityKeys(_ contact: GHLContact) -> [String] {
        ["email", "phone"].compactMap { identifier in
            normalizedIdentifier(contact, identifier).map { identifier + ":" + $0 }
        }
    }

    func normalizedIdentifier(_ contact: GHLContact, _ identifier: String) -> String? {
        guard let value = contact.string(identifier), !value.isEmpty else { return nil }
        return identifier == "email" ? value.lowercased() : value
    }

    func duplicateError(_ match: GHLContact, _ field: String) -> SimError {
        SimError(
            400,
            [
                "statusCode": 400, "message": "This location does not allow duplicated contacts.",
                "meta": [
                    "contactId": .string(match.id), "contactName": .string(match.fullNameLowerCase ?? ""),
                    "matchingField": .string(field),
                ],
            ])
    }

    func emitContact(_ type: String, _ contact: GHLContact) {
        var payload = contact.renderWebhook()
        payload["type"] = .string(type)
        outbox.append((type, payload))
    }

    // MARK: - Contact operations

    func createContact(_ input: GHLContactInput, checkDuplicates: Bool = true) throws(SimError) -> GHLContact
    {
        let problems = customFieldProblems(input)
        if !problems.isEmpty { throw GHLErrors.unprocessable(problems) }
        let now = clock.nowMillis()
        let blank = GHLContact(
            id: newId(), locationId: options.locationId, fields: [:], tags: [], customFields: [:],
            dateAdded: now,
            dateUpdated: now)
        let contact = applying(input, to: blank)
        if checkDuplicates && !options.allowDuplicateContacts, let (match, field) = duplicate(of: contact) {
            throw duplicateError(match, field)
        }
        put(contact)
        indexWrite(contact.id, contact)
        emitContact("ContactCreate", contact)
        return contact
    }

    func updateContact(id: String, _ input: GHLContactInput, skipping: Set<String> = []) throws(SimError)
        -> GHLContact
    {
        guard let original = contacts[id] else { throw GHLErrors.contactNotFound(id) }
        let problems = customFieldProblems(input)
        if !problems.isEmpty { throw GHLErrors.unprocessable(problems) }
        var contact = applying(input, to: original, skipping: skipping)
        if !options.allowDuplicateContacts, let (match, field) = duplicate(of: contact),
            normalizedIdentifier(original, field) != normalizedIdentifier(contact, field)
        {
            throw duplicateError(match, field)
        }
        contact.dateUpdated = max(clock.nowMillis(), original.dateUpdated + 1)
        put(contact)
        indexWrite(id, contact)
        var withoutTags = contact
        withoutTags.tags = original.tags
        withoutTags.dateUpdated = original.dateUpdated
        if withoutTags != original || input.tags == nil { emitContact("ContactUpdate", contact) }
        if contact.tags != original.tags { emitContact("ContactTagUpdate", contact) }
        return contact
    }

    /// Upsert per the documented rules; returns the contact and whether it is new.
    func upsertContact(_ input: GHLContactInput) throws(SimError) -> (GHLContact, Bool) {
        if input.createNewIfDuplicateAllowed && options.allowDuplicateContacts {
            return (try createContact(input, checkDuplicates: false), true)
        }
        let probe = applying(
            input,
            to: GHLContact(
                id: "", locationId: options.locationId, fields: [:], tags: [], customFields: [:],
                dateAdded: 0, dateUpdated: 0))
        for (position, identifier) in options.duplicateIdentifiers.enumerated() {
            guard let value = normalizedIdentifier(probe, identifier) else { continue }
            guard let match = contactsWith(identifier, value).first else { continue }
            // A later identifier that points at a different contact is ignored, not written.
            var skipped: Set<String> = []
            for other in options.duplicateIdentifiers.dropFirst(position + 1) {
                if let otherValue = normalizedIdentifier(probe, other),
                    !contactsWith(other, otherValue, excluding: match.id).isEmpty
                {
                    skipped.insert(other)
                }
            }
            return (try updateContact(id: match.id, input, skipping: skipped), false)
        }
        return (try createContact(input, checkDuplicates: false), true)
    }

    func deleteContact(id: String) throws(SimError) {
        guard let contact = drop(id) else { throw GHLErrors.contactNotFound(id) }
        indexWrite(id, nil)
        tasks = tasks.filter { $0.value.contactId != id }
        notes = notes.filter { $0.value.contactId != id }
        emitContact("ContactDelete", contact)
    }

    func changeTags(id: String, add: [String], remove: [String]) throws(SimError) -> [String] {
        guard var contact = contacts[id] else { throw GHLErrors.contactNotFound(id) }
        let original = contact
        for tag in add.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !tag.isEmpty {
            if !contact.tags.contains(tag) { contact.tags.append(tag) }
        }
        let removing = Set(remove.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        contact.tags.removeAll { removing.contains($0) }
        if contact.tags != original.tags {
            contact.dateUpdated = max(clock.nowMillis(), original.dateUpdated + 1)
            put(contact)
            indexWrite(id, contact)
            emitContact("ContactTagUpdate", contact)
        }
        return contact.tags
    }

    func requireContact(_ id: String) throws(SimError) -> GHLContact {
        guard let contact = contacts[id] else { throw GHLErrors.contactNotFound(id) }
        return contact
    }

    /// Bumps `dateUpdated` when a child (note, task) of the contact changes.
    func touch(_ id: String) {
        guard var contact = contacts[id] else { return }
        contact.dateUpdated = max(clock.nowMillis(), contact.dateUpdated + 1)
        put(contact)
        indexWrite(id, contact)
    }
}
