/// Matching unlinked records: stored link ids, then unique email, then unique valid phone
/// (never between two records whose emails differ).
extension Planner {
    /// Plans records that no base pairs: matches them once, explicitly, and creates partners
    /// for the rest.
    ///
    /// - `linkedFulcrumIds` / `linkedContactIds`: ids already paired by a base, so a stale link
    ///   pointing at them is held rather than followed.
    /// - `linkedMatchValues`: the emails and phones linked pairs hold once this run's plan is
    ///   applied (see `settledMatchValues`), with the pair that owns each. A free record using
    ///   one is held: creating it would duplicate a person.
    ///
    /// Every email or phone a matched or held record uses is "occupied" for the later steps, so
    /// a record is never paired or created next to an ambiguous candidate; and since occupancy
    /// is computed from settled values, applying the plan and planning again holds the same
    /// records (the plan converges in one run).
    public func planUnlinked(
        fulcrum: [RecordState], ghl: [RecordState],
        linkedFulcrumIds: Set<String> = [], linkedContactIds: Set<String> = [],
        linkedMatchValues: [String: String] = [:]
    ) -> [PairOutcome] {
        var matcher = Matcher(planner: self, fulcrum: fulcrum, ghl: ghl, occupied: linkedMatchValues)
        matcher.matchStoredLinks(linkedFulcrumIds: linkedFulcrumIds, linkedContactIds: linkedContactIds)
        matcher.holdRecordsWithIssues()
        if let emailKey { matcher.matchUnique(on: emailKey) }
        if let phoneKey { matcher.matchUnique(on: phoneKey, isKey: PhoneNumberCheck.isValidMatchKey, guardKey: emailKey) }
        matcher.createTheRest()
        return matcher.outcomes
    }

    /// Why `fulcrum` and `ghl` must not be taken for one person when something other than the
    /// matcher proposes them (GHL answering a create with "duplicate of contact X"), or `nil`
    /// when they may: the rules of matching, applied to one pair. Emails both present must
    /// agree; without an email on one side, only a valid phone they share says it is one person.
    public func refusalToMerge(_ fulcrum: RecordState, _ ghl: RecordState) -> String? {
        if let emailKey, let f = fulcrum.fields[emailKey], let g = ghl.fields[emailKey] {
            return f.agrees(with: g) ? nil : "their emails differ (\(f.text), \(g.text))"
        }
        if let phoneKey, let f = fulcrum.fields[phoneKey], let g = ghl.fields[phoneKey], f.canonical == g.canonical,
            PhoneNumberCheck.isValidMatchKey(f.canonical)
        {
            return nil
        }
        return "they share neither an email nor a valid phone number"
    }

    /// The canonical emails and phones of `record` that matching uses.
    public func matchValues(of record: RecordState) -> [String] {
        [emailKey, phoneKey].compactMap { $0 }.compactMap { record.fields[$0]?.canonical }
    }

    /// The emails and phones a linked pair will hold once `outcome` is applied: what unlinked
    /// records must not duplicate. Using the settled values (not the current ones) keeps the
    /// plan stable: applying it and planning again holds the same records.
    public func settledMatchValues(of outcome: PairOutcome, fulcrum: RecordState?, ghl: RecordState?) -> [String] {
        var sides: [Side: RecordState] = [:]
        sides[.fulcrum] = fulcrum
        sides[.ghl] = ghl
        for operation in outcome.pair?.operations ?? [] {
            switch operation.kind {
            case .delete: sides[operation.side] = nil
            case .update:
                for (key, value) in operation.fields { sides[operation.side]?.fields[key] = value }
            default: break
            }
        }
        return sides.values.flatMap(matchValues(of:))
    }

    /// The mapping key of the email field, if one is mapped to GHL's `email`.
    var emailKey: String? { settings.matchKeys.email }

    /// The mapping key of the phone field, if one is mapped to GHL's `phone`.
    var phoneKey: String? { settings.matchKeys.phone }
}
