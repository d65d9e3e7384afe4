import Testing

@Test func placeholderAPIClientTests() { #expect(Bool(true)) }
