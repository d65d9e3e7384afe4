import Foundation

/// Planning one linked pair: the three-way table per field, the tag merge, deletes.
extension Planner {
    /// Plans one pair from its base and whatever each side's snapshot holds for it, applying
    /// a person's `decisions` (by field) to conflicts that would otherwise wait (`manual`).
    public func planPair(
        base: PairBase, fulcrum: RecordState?, ghl: RecordState?, decisions: [String: ConflictDecision] = [:]
    ) -> PairOutcome {
        switch (fulcrum, ghl) {
        case (nil, nil):
            return PairOutcome(pair: PlannedPair(
                fulcrumId: base.fulcrumId, contactId: base.contactId, operations: [], newBase: nil,
                baseChanged: true))
        case (let f?, let g?) where Self.agree(base: base, fulcrum: f, ghl: g):
            // The common case of a nightly run: both sides are the base (a few comparisons,
            // usually of shared storage: the store hands over the base's own fields for a side
            // whose digest matched). `merge` would find the same: nothing to do.
            return .none
        case (let f?, let g?):
            // Both records exist (a tombstoned partner came back, e.g. restored from a trash, or
            // missing from one listing): the pair syncs again and the tombstone is dropped.
            var live = base
            live.deletedSide = nil
            var outcome = merge(base: live, fulcrum: f, ghl: g, decisions: decisions)
            if base.deletedSide != nil, outcome.pair == nil {
                outcome.pair = PlannedPair(fulcrumId: f.id, contactId: g.id, operations: [], newBase: live, baseChanged: true)
            }
            return outcome
        case (let f?, nil):
            return survivor(base: base, record: f, deleted: .ghl)
        case (nil, let g?):
            return survivor(base: base, record: g, deleted: .fulcrum)
        }
    }

    /// Plans one streamed pair: an `.agreeing` one (its records known to agree with its base)
    /// has nothing to do, which is what `planPair(base:fulcrum:ghl:)` finds for it.
    public func planPair(_ pair: LinkedPair, decisions: [String: ConflictDecision] = [:]) -> PairOutcome {
        switch pair {
        case .decoded(let base, let fulcrum, let ghl): planPair(base: base, fulcrum: fulcrum, ghl: ghl, decisions: decisions)
        case .agreeing: .none
        }
    }

    /// Whether a live pair's two records agree with its base (every field's canonical value,
    /// every tag key), link each other and carry no issues: `merge` then plans nothing and
    /// leaves the base as it is (it compares canonical values and tag keys, keeping the base's
    /// spellings).
    static func agree(base: PairBase, fulcrum f: RecordState, ghl g: RecordState) -> Bool {
        base.deletedSide == nil && f.issues.isEmpty && g.issues.isEmpty
            && f.id == base.fulcrumId && g.id == base.contactId && f.linkId == g.id && g.linkId == f.id
            && f.tags.hasSameKeys(as: base.tags) && g.tags.hasSameKeys(as: base.tags)
            && fieldsAgree(f.fields, base.fields) && fieldsAgree(g.fields, base.fields)
    }

    /// Same keys, same canonical values (the same storage answers at once).
    static func fieldsAgree(_ a: [String: FieldValue], _ b: [String: FieldValue]) -> Bool {
        a == b || (a.count == b.count && a.allSatisfy { b[$0.key]?.canonical == $0.value.canonical })
    }

    /// Plans a newly matched pair (no base yet): one side empty fills it, both set and
    /// different is a conflict. Used when GHL reports an existing duplicate for a create.
    /// The pair is always returned, even with nothing to write, so the link is recorded.
    public func planMatch(fulcrum: RecordState, ghl: RecordState) -> PairOutcome {
        var outcome = merge(base: PairBase(fulcrumId: fulcrum.id, contactId: ghl.id), fulcrum: fulcrum, ghl: ghl)
        if outcome.pair == nil {
            // Nothing to write and nothing agreed yet (no mapped value on either side): the link
            // is still recorded, with an empty base.
            let base = PairBase(fulcrumId: fulcrum.id, contactId: ghl.id)
            outcome.pair = PlannedPair(fulcrumId: fulcrum.id, contactId: ghl.id, operations: [], newBase: base, baseChanged: true)
        }
        return outcome
    }

    /// The three-way merge of two present records against `base` (empty on a first match).
    func merge(
        base: PairBase, fulcrum f: RecordState, ghl g: RecordState, decisions: [String: ConflictDecision] = [:]
    ) -> PairOutcome {
        var toFulcrum: [String: FieldValue?] = [:]
        var toGHL: [String: FieldValue?] = [:]
        var agreed = base.fields
        var conflicts: [Conflict] = []
        var held: [HeldItem] = []
        let fIssues = Dictionary(f.issues.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
        let gIssues = Dictionary(g.issues.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })

        for rule in settings.fields {
            if let issue = fIssues[rule.key] ?? gIssues[rule.key] {
                let side = fIssues[rule.key] != nil ? "Fulcrum record \(f.id)" : "GHL contact \(g.id)"
                held.append(HeldItem(
                    fulcrumId: f.id, contactId: g.id, field: rule.key,
                    reason: "\(side), field \(rule.key): \(issue.reason); the field is not synced until it is corrected there"))
                continue
            }
            let b = base.fields[rule.key]
            let fv = f.fields[rule.key]
            let gv = g.fields[rule.key]
            if fv.agrees(with: gv) {
                agreed[rule.key] = b.agrees(with: fv) ? b : fv
                continue
            }
            if fv.agrees(with: b) {
                if rule.direction.writes(to: .fulcrum) {
                    toFulcrum[rule.key] = .some(gv)
                    agreed[rule.key] = gv
                }
                continue
            }
            if gv.agrees(with: b) {
                if rule.direction.writes(to: .ghl) {
                    toGHL[rule.key] = .some(fv)
                    agreed[rule.key] = fv
                }
                continue
            }
            var (winner, ruleName) = resolve(rule: rule, fulcrum: f, ghl: g)
            if winner == nil, let decision = decisions[rule.key] {
                ruleName = "manual-decision"
                switch decision.choice {
                case .fulcrum: winner = .fulcrum
                case .ghl: winner = .ghl
                case .base, .value:
                    let decided: FieldValue? = if case .value(let value) = decision.choice { value } else { b }
                    if !decided.agrees(with: fv) && rule.direction.writes(to: .fulcrum) { toFulcrum[rule.key] = .some(decided) }
                    if !decided.agrees(with: gv) && rule.direction.writes(to: .ghl) { toGHL[rule.key] = .some(decided) }
                    agreed[rule.key] = decided
                    conflicts.append(Conflict(
                        fulcrumId: f.id, contactId: g.id, field: rule.key, base: b, fulcrum: fv, ghl: gv,
                        fulcrumUpdatedAt: f.updatedAt, ghlUpdatedAt: g.updatedAt, winner: nil, rule: ruleName))
                    continue
                }
            }
            conflicts.append(Conflict(
                fulcrumId: f.id, contactId: g.id, field: rule.key, base: b, fulcrum: fv, ghl: gv,
                fulcrumUpdatedAt: f.updatedAt, ghlUpdatedAt: g.updatedAt, winner: winner, rule: ruleName))
            switch winner {
            case .fulcrum?:
                toGHL[rule.key] = .some(fv)
                agreed[rule.key] = fv
            case .ghl?:
                toFulcrum[rule.key] = .some(gv)
                agreed[rule.key] = gv
            case nil:
                break
            }
        }

        var operations: [Operation] = []
        if !toFulcrum.isEmpty {
            operations.append(Operation(side: .fulcrum, kind: .update, fulcrumId: f.id, contactId: g.id, fields: toFulcrum))
        }
        if !toGHL.isEmpty {
            operations.append(Operation(side: .ghl, kind: .update, fulcrumId: f.id, contactId: g.id, fields: toGHL))
        }
        var tags = base.tags
        if settings.syncTags, let issue = fIssues[TagSet.issueField] ?? gIssues[TagSet.issueField] {
            // Unreadable tags are not "no tags": merging them would remove every tag on the other side.
            let side = fIssues[TagSet.issueField] != nil ? "Fulcrum record \(f.id)" : "GHL contact \(g.id)"
            held.append(HeldItem(
                fulcrumId: f.id, contactId: g.id, field: TagSet.issueField,
                reason: "\(side), tags: \(issue.reason); tags are not synced until they are corrected there"))
        } else if settings.syncTags {
            tags = Self.mergeTags(base: base.tags, fulcrum: f.tags, ghl: g.tags)
            operations += tagOperations(target: f.tags, result: tags, side: .fulcrum, fulcrumId: f.id, contactId: g.id)
            operations += tagOperations(target: g.tags, result: tags, side: .ghl, fulcrumId: f.id, contactId: g.id)
        }
        if f.linkId != g.id {
            operations.append(Operation(side: .fulcrum, kind: .link, fulcrumId: f.id, contactId: g.id))
        }
        if g.linkId != f.id {
            operations.append(Operation(side: .ghl, kind: .link, fulcrumId: f.id, contactId: g.id))
        }
        let newBase = PairBase(fulcrumId: f.id, contactId: g.id, fields: agreed, tags: tags)
        let changed = newBase != base
        guard changed || !operations.isEmpty else {
            return PairOutcome(pair: nil, conflicts: conflicts, held: held)
        }
        return PairOutcome(
            pair: PlannedPair(fulcrumId: f.id, contactId: g.id, operations: operations, newBase: newBase, baseChanged: changed),
            conflicts: conflicts, held: held)
    }

    /// Who wins a conflict on `rule`, and the rule's name for reports.
    func resolve(rule: PlannerSettings.FieldRule, fulcrum f: RecordState, ghl g: RecordState) -> (Side?, String) {
        switch rule.direction {
        case .toGHL: return (.fulcrum, "direction")
        case .toFulcrum: return (.ghl, "direction")
        case .both: break
        }
        switch rule.policy {
        case .fulcrum: return (.fulcrum, "fulcrum")
        case .ghl: return (.ghl, "ghl")
        case .manual: return (nil, "manual")
        case .newest:
            return newest(key: rule.key, fulcrum: f, ghl: g)
        }
    }

    /// `newest` for one field: the best change time known on each side (field history or a
    /// webhook, else the record's time), compared in whole seconds, the precision both sides
    /// share (Fulcrum keeps seconds, GHL milliseconds). A tie goes to Fulcrum (`newest-tie`);
    /// otherwise the rule names the winner's evidence (`newest-field-history`,
    /// `newest-webhook`, `newest-record`).
    func newest(key: String, fulcrum f: RecordState, ghl g: RecordState) -> (Side?, String) {
        let fChange = evidence.change(.fulcrum, of: f, key: key)
        let gChange = evidence.change(.ghl, of: g, key: key)
        func seconds(_ change: ChangeEvidence.FieldChange) -> Double { ChangeEvidence.wholeSeconds(change.at) }
        switch (fChange, gChange) {
        case (let fc?, let gc?) where seconds(fc) > seconds(gc): return (.fulcrum, "newest-\(fc.source.rawValue)")
        case (let fc?, let gc?) where seconds(gc) > seconds(fc): return (.ghl, "newest-\(gc.source.rawValue)")
        case (nil, let gc?): return (.ghl, "newest-\(gc.source.rawValue)")
        case (let fc?, nil): return (.fulcrum, "newest-\(fc.source.rawValue)")
        default: return (.fulcrum, "newest-tie")
        }
    }

    /// base + added on either side - removed on either side (tags never conflict).
    static func mergeTags(base: TagSet, fulcrum: TagSet, ghl: TagSet) -> TagSet {
        var result = TagSet()
        let baseKeys = base.keys
        for key in baseKeys.sorted() where fulcrum.keys.contains(key) && ghl.keys.contains(key) {
            result.insert(base.spelling(forKey: key) ?? key)
        }
        for side in [fulcrum, ghl] {
            for key in side.keys.subtracting(baseKeys).sorted() {
                result.insert(side.spelling(forKey: key) ?? key)
            }
        }
        return result
    }

    func tagOperations(target: TagSet, result: TagSet, side: Side, fulcrumId: String?, contactId: String?) -> [Operation] {
        var operations: [Operation] = []
        let add = result.keys.subtracting(target.keys).sorted().compactMap { result.spelling(forKey: $0) }
        let remove = target.keys.subtracting(result.keys).sorted().compactMap { target.spelling(forKey: $0) }
        if !add.isEmpty {
            operations.append(Operation(side: side, kind: .addTags, fulcrumId: fulcrumId, contactId: contactId, tags: add))
        }
        if !remove.isEmpty {
            operations.append(Operation(side: side, kind: .removeTags, fulcrumId: fulcrumId, contactId: contactId, tags: remove))
        }
        return operations
    }
}
