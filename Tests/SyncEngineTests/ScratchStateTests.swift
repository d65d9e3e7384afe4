import Foundation
import SyncEngine
import SyncStore
import Testing

/// The scratch copy a dry run plans in: the real file is copied, never opened.
struct ScratchStateTests {
    func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-copytest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aDamagedStateFileIsNamedByItsOwnPathNotTheCopys() async throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: path))
        let error = try #require(await #expect(throws: StoreError.self) { try await ScratchState(copying: path).store.mappingHash() })
        #expect(error.message.contains(path))
        #expect(!error.message.contains("fgsync-scratch-"), "the message names the copy: \(error.message)")
        #expect(error.path == path)
    }

    @Test func writesToTheCopyNeverReachTheStateFile() async throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        try await SQLiteStateStore(path: path).setMappingHash("before")
        let scratch = try ScratchState(copying: path)
        try await scratch.store.setMappingHash("after")
        #expect(try await scratch.store.mappingHash() == "after")
        scratch.remove()
        #expect(try await SQLiteStateStore.openReadOnly(path: path).mappingHash() == "before")
    }

    @Test func aStateFileReachedThroughASymlinkIsCopiedNotLinked() async throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.sqlite").path
        try await SQLiteStateStore(path: path).setMappingHash("before")
        let link = folder.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let scratch = try ScratchState(copying: link)
        #expect(try await scratch.store.mappingHash() == "before")
        try await scratch.store.setMappingHash("after")
        scratch.remove()

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the dry run wrote through the link")
    }

    @Test func removingTheCopyDeletesItsFolder() throws {
        let scratch = try ScratchState()
        let copy = scratch.store.path
        #expect(FileManager.default.fileExists(atPath: copy))
        scratch.remove()
        #expect(!FileManager.default.fileExists(atPath: copy))
    }
}
