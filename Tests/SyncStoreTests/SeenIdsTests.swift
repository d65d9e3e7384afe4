import Testing
@testable import SyncStore

struct SeenIdsTests {
    @Test(arguments: ["a", "0f8fad5b-d9cb-469f-a165-70867728950e", "ve9EPM428h8vShlRW1KT", "café-ünïcode-id"])
    func anIdSeenAsAStringIsFoundFromItsUTF8Bytes(id: String) {
        let buffer = IngestBuffer(groupSize: 10)
        buffer.begin(seq: 1)
        #expect(buffer.markSeen([id], seq: 1))
        let seen = buffer.takeSeen(seq: 1)
        let bytes = Array(id.utf8)
        #expect(bytes.withUnsafeBytes { seen?.contains(utf8: $0) } == true)
        #expect(seen?.contains(id) == true)
    }

    @Test func anIdNotSeenIsNotFound() {
        let buffer = IngestBuffer(groupSize: 10)
        buffer.begin(seq: 1)
        _ = buffer.markSeen(["a", "b"], seq: 1)
        let seen = buffer.takeSeen(seq: 1)
        #expect(seen?.contains("c") == false)
        #expect(Array("ab".utf8).withUnsafeBytes { seen?.contains(utf8: $0) } == false)
        #expect(seen?.count == 2)
    }
}
