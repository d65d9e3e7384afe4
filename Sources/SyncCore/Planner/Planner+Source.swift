/// The one planning function every entry point reaches, whatever holds the pairs.
extension Planner {
    /// Plans every linked pair of `source`, then matches its unlinked records.
    ///
    /// Streams linked pairs through `planPair` without holding them; only the emails and phones
    /// of unlinked records are looked for among the linked pairs, and only the ids unlinked
    /// records point at are looked up, so memory follows the number of new records, not pairs.
    /// `decisions` are people's decisions on open conflicts by Fulcrum id, then field.
    public func plan(
        from source: some PlanSource, force: Bool, decisions: [String: [String: ConflictDecision]] = [:]
    ) async throws -> Plan {
        var builder = PlanBuilder(settings: settings)
        let unlinkedFulcrum = try await source.unlinkedRecords(.fulcrum)
        let unlinkedGHL = try await source.unlinkedRecords(.ghl)
        let wanted = Set((unlinkedFulcrum + unlinkedGHL).flatMap(matchValues(of:)))
        var linkedValues: [String: String] = [:]
        try await source.forEachLinkedPair { batch in
            for (base, fulcrum, ghl) in batch {
                let outcome = planPair(base: base, fulcrum: fulcrum, ghl: ghl, decisions: decisions[base.fulcrumId] ?? [:])
                builder.add(outcome, base: base)
                if !settings.children.isEmpty {
                    builder.add(children: try await planChildren(
                        after: outcome, fulcrumId: base.fulcrumId, contactId: base.contactId, bothPresent: fulcrum != nil && ghl != nil,
                        from: source, decisions: decisions[base.fulcrumId] ?? [:]))
                }
                guard !wanted.isEmpty else { continue }
                for value in settledMatchValues(of: outcome, fulcrum: fulcrum, ghl: ghl) where wanted.contains(value) {
                    let owner = "Fulcrum \(base.fulcrumId) / GHL \(base.contactId)"
                    linkedValues[value] = min(linkedValues[value] ?? owner, owner)
                }
            }
        }
        var linkedFulcrum = Set<String>()
        var linkedContacts = Set<String>()
        for record in unlinkedGHL {
            if let id = record.linkId, try await source.isLinked(fulcrumId: id) { linkedFulcrum.insert(id) }
        }
        for record in unlinkedFulcrum {
            if let id = record.linkId, try await source.isLinked(contactId: id) { linkedContacts.insert(id) }
        }
        for outcome in planUnlinked(
            fulcrum: unlinkedFulcrum, ghl: unlinkedGHL, linkedFulcrumIds: linkedFulcrum,
            linkedContactIds: linkedContacts, linkedMatchValues: linkedValues)
        {
            builder.add(outcome, linked: false)
            if !settings.children.isEmpty, let pair = outcome.pair {
                builder.add(children: try await planChildren(
                    after: outcome, fulcrumId: pair.fulcrumId, contactId: pair.contactId, bothPresent: true, from: source))
            }
        }
        if let total = try await source.liveLinkedTotal() { builder.measureAgainst(linkedTotal: total) }
        return builder.finish(
            fulcrumCount: try await source.recordCount(.fulcrum), ghlCount: try await source.recordCount(.ghl),
            storedMappingHash: try await source.storedMappingHash(), force: force)
    }
}
