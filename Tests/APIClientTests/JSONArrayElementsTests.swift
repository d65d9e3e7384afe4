import Foundation
import SyncHTTP
import Testing

struct JSONArrayElementsTests {
    static func elements(_ key: String, _ text: String) -> [String]? {
        let data = Data(text.utf8)
        return JSONArrayElements.ranges(of: key, in: data)?.map { String(decoding: data[$0], as: UTF8.self) }
    }

    @Test func eachElementIsItsBytesAsSentWhateverItsStringsAndNestingHold() {
        let first = #"{"id":"a","tags":["]","}"],"nested":{"x":[1,{"y":"\"}"}]}}"#
        let second = #"{ "id" : "b\\" , "n": -1.5e3 }"#
        let text = #" { "total" : 2, "other": {"contacts":[9]}, "contacts" : [ "# + first + " ,\n" + second + #" , null ] , "x": true }"#
        #expect(Self.elements("contacts", text) == [first, second, "null"])
    }

    @Test(arguments: [
        ("no such key", #"{"records":[{"id":"a"}]}"#),
        ("not an array", #"{"contacts":{"id":"a"}}"#),
        ("not an object", #"[{"contacts":[]}]"#),
        ("cut short", #"{"contacts":[{"id":"a"},{"id":"b"#),
        ("only nested", #"{"page":{"contacts":[{"id":"a"}]}}"#),
    ])
    func thereAreNoRangesWhenTheTopLevelObjectHasNoSuchArray(name: String, text: String) {
        #expect(Self.elements("contacts", text) == nil, "\(name)")
    }

    @Test func anEmptyArrayHasNoElements() {
        #expect(Self.elements("records", #"{"records":[ ],"total_count":0}"#) == [])
    }
}
