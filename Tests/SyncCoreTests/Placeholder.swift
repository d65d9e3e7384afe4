import Testing

@Test func placeholderSyncCoreTests() { #expect(Bool(true)) }
