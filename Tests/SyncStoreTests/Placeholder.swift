import Testing

@Test func placeholderSyncStoreTests() { #expect(Bool(true)) }
