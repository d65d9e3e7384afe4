import Foundation
import SyncCore

/// Writes to standard output and error without buffering surprises between the two.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// An error line, escaped: error messages quote values from the APIs and files, which must
    /// not move the cursor, retitle the terminal or forge a line (`TextEscaping`).
    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
        FileHandle.standardError.write(Data((TextEscaping.escape(line) + "\n").utf8))
    }
}
