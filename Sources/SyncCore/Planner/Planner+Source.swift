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
        // Agreeing pairs need no values unless an unlinked record may match them.
        let keys = wanted.isEmpty ? Set<String>() : Set([emailKey, phoneKey].compactMap { $0 })
        try await source.forEachLinkedPair(keeping: keys) { batch in
            for pair in batch {
                let outcome: PairOutcome
                let ids: (fulcrumId: String, contactId: String)
                let bothPresent: Bool
                let settled: [String]
                switch pair {
                case .decoded(let base, let fulcrum, let ghl):
                    outcome = planPair(pair, decisions: decisions[base.fulcrumId] ?? [:])
                    builder.add(outcome, base: base)
                    ids = (base.fulcrumId, base.contactId)
                    bothPresent = fulcrum != nil && ghl != nil
                    settled = wanted.isEmpty ? [] : settledMatchValues(of: outcome, fulcrum: fulcrum, ghl: ghl)
                case .agreeing(let agreeing):
                    outcome = planPair(pair)
                    builder.add(outcome, linked: true)
                    ids = (agreeing.fulcrumId, agreeing.contactId)
                    bothPresent = true
                    settled = wanted.isEmpty ? [] : matchValues(of: RecordState(id: agreeing.fulcrumId, fields: agreeing.fields))
                }
                if !settings.children.isEmpty {
                    builder.add(children: try await planChildren(
                        after: outcome, fulcrumId: ids.fulcrumId, contactId: ids.contactId, bothPresent: bothPresent,
                        from: source, decisions: decisions[ids.fulcrumId] ?? [:]))
                }
                for value in settled where wanted.contains(value) {
                    let owner = "Fulcrum \(ids.fulcrumId) / GHL \(ids.contactId)"
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
