import Testing

@Test func placeholderSimulatorsTests() { #expect(Bool(true)) }
