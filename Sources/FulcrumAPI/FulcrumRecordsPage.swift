/// One page of `GET /api/v2/records.json`: the records and the pagination envelope.
public struct FulcrumRecordsPage: Sendable, Hashable {
    /// The records of this page, in the server's order (ascending `updated_at`).
    public var records: [FulcrumRecordData]
    /// This page's number (1-based).
    public var currentPage: Int
    /// How many pages there are.
    public var totalPages: Int
    /// How many records match in all.
    public var totalCount: Int
    /// The page size the server used.
    public var perPage: Int

    /// Creates a page.
    public init(
        records: [FulcrumRecordData], currentPage: Int, totalPages: Int, totalCount: Int, perPage: Int
    ) {
        self.records = records
        self.currentPage = currentPage
        self.totalPages = totalPages
        self.totalCount = totalCount
        self.perPage = perPage
    }

    /// Whether a later page exists.
    public var hasNextPage: Bool { currentPage < totalPages }
}
