import Foundation

extension GHLStore {
    /// How many sort orders are kept at once (a client pages through one or two).
    static let keptSearchOrders = 4

    /// Every searchable contact in the order `keys` asks for (id ascending last), with its sort
    /// key. Sorted once and kept until the search index changes, so paging through a location
    /// costs a binary search per page rather than a sort of every contact.
    func searchOrder(_ keys: [(field: String, descending: Bool)]) -> [GHLSimulator.Keyed] {
        applyDueIndexWrites()
        let spec = keys.map { "\($0.field) \($0.descending ? "desc" : "asc")" }.joined(separator: ",")
        if let cached = searchOrders[spec], cached.version == indexVersion { return cached.rows }
        let rows = index.values.map { GHLSimulator.Keyed(contact: $0, key: GHLSimulator.sortKey($0, keys)) }
            .sorted { GHLSimulator.precedes($0.key, $1.key, keys) }
        searchOrders = searchOrders.filter { $0.value.version == indexVersion }
        if searchOrders.count >= Self.keptSearchOrders { searchOrders = [:] }
        searchOrders[spec] = (indexVersion, rows)
        return rows
    }

    /// The search-row JSON (`renderRow`) of each contact, encoded once per version of the
    /// contact: a cached encoding is used only while the contact equals the one it encodes, so a
    /// write is seen by the next page.
    func encodedRows(_ contacts: [GHLContact]) -> [Data] {
        contacts.map { contact in
            if let cached = rowCache[contact.id], cached.contact == contact { return cached.bytes }
            let bytes = contact.renderRow().serialized()
            rowCache[contact.id] = (contact, bytes)
            return bytes
        }
    }
}
