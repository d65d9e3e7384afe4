import Testing

@Test func placeholderSyncEngineTests() { #expect(Bool(true)) }
