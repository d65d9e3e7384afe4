import Foundation
import SyncEngine
import Testing

/// Issue 11 item 2: the run lock belongs to the state file, however its path is spelled.
struct RunLockTests {
    enum Spelling: String, CaseIterable {
        case symlinkToTheFile, symlinkToAFileNotCreatedYet, symlinkToTheFolder, dotDotThroughASymlink, dotDotPath, relativePath
    }

    /// The state file's folder, and another spelling of `folder/state.sqlite`.
    static func spell(_ spelling: Spelling, in root: URL) throws -> (canonical: String, other: String) {
        let folder = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("x"), withIntermediateDirectories: true)
        let canonical = folder.appendingPathComponent("state.sqlite").path
        if spelling != .symlinkToAFileNotCreatedYet { FileManager.default.createFile(atPath: canonical, contents: nil) }
        switch spelling {
        case .symlinkToAFileNotCreatedYet:
            // SQLite follows the link when it creates the file: the lock must follow it too.
            let link = root.appendingPathComponent("new-link.sqlite").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "data/state.sqlite")
            return (canonical, link)
        case .symlinkToTheFile:
            let link = root.appendingPathComponent("link.sqlite").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: canonical)
            return (canonical, link)
        case .symlinkToTheFolder:
            let link = root.appendingPathComponent("alias").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path)
            return (canonical, link + "/state.sqlite")
        case .dotDotThroughASymlink:
            // `y` points into `data`, so `y/..` is `data` (the kernel's reading, and SQLite's).
            let link = root.appendingPathComponent("y").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.appendingPathComponent("x").path)
            return (canonical, link + "/../state.sqlite")
        case .dotDotPath:
            return (canonical, folder.path + "/x/.././state.sqlite")
        case .relativePath:
            let cwd = FileManager.default.currentDirectoryPath
            let up = cwd.split(separator: "/").map { _ in ".." }.joined(separator: "/")
            return (canonical, up + canonical)
        }
    }

    @Test(arguments: Spelling.allCases)
    func aSecondRunThroughAnotherSpellingOfThePathIsLockedOut(_ spelling: Spelling) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fgsync-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let (canonical, other) = try Self.spell(spelling, in: root)
        let first = try RunLock(statePath: canonical)
        let error = #expect(throws: SyncEngineError.self) { try RunLock(statePath: other) }
        #expect(error?.code == .locked)
        withExtendedLifetime(first) {}
    }
}
