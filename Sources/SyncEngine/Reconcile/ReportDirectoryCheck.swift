import Foundation

/// Checks `--report-dir` before a run writes to either system: a run that cannot leave its
/// report behind is refused up front, rather than noticed after both systems were changed.
enum ReportDirectoryCheck {
    /// Creates `directory` when missing and proves it writable with a probe file.
    ///
    /// A folder with no write permission bit at all is refused even for root: its owner marked
    /// it read-only. Throws `SyncEngineError` (`usage`, exit 2) naming `--report-dir`.
    static func check(_ directory: URL) throws {
        let path = directory.path
        func refuse(_ why: String) -> SyncEngineError {
            SyncEngineError(
                .usage, "--report-dir \(path): \(why); choose a writable directory with --report-dir. Nothing was written to Fulcrum or GHL.")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw refuse("is a file, not a directory")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw refuse("cannot be created (\(error.localizedDescription))")
        }
        let mode = ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue
        if let mode, mode & 0o222 == 0 {
            throw refuse("is read-only (mode \(String(mode & 0o777, radix: 8)))")
        }
        let probe = directory.appendingPathComponent(".fgsync-write-check-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            throw refuse("cannot be written (\(error.localizedDescription))")
        }
    }
}
