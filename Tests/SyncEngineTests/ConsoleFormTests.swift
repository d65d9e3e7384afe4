import Testing

@testable import SyncServer

/// Form bodies as browsers send them (`application/x-www-form-urlencoded`).
struct ConsoleFormTests {
    @Test(arguments: [
        ("take=value&value=Two+words", ["take": "value", "value": "Two words"]),
        ("value=a%2Bb%26c%3Dd", ["value": "a+b&c=d"]),
        ("value=%D8%B4%D8%B1%D9%83%D8%A9", ["value": "شركة"]),
        ("value=&csrf=x", ["value": "", "csrf": "x"]),
        ("take=ghl&take=fulcrum", ["take": "ghl"]),
        ("flag", ["flag": ""]),
    ])
    func aFormBodyIsReadAsABrowserMeantIt(_ body: String, _ fields: [String: String]) {
        #expect(ConsoleHTTP.parseForm(body) == fields)
    }
}
