import Foundation

/// Where a JSON body stopped parsing, in words an operator can act on: `line 4, column 38: the
/// file ends in the middle of a value (is it truncated?)`.
///
/// Foundation's parser reports a character offset ("around character 12") or the end of the
/// file; both are turned into a line and a column of the file as it is opened in an editor.
enum JSONErrorLocation {
    /// The place and the reason for `error`, thrown by `JSONSerialization` while reading `data`.
    static func describe(_ error: any Error, in data: Data) -> String {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        let bytes = [UInt8](data)
        if detail.localizedCaseInsensitiveContains("end of file") || detail.localizedCaseInsensitiveContains("unexpected end") {
            let end = bytes.lastIndex { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }.map { $0 + 1 } ?? bytes.count
            return "\(position(of: end, in: bytes)): the file ends in the middle of a value (is it truncated? save the complete response body)"
        }
        if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
            let offset = Int(detail[range].split(separator: " ").last ?? "")
        {
            return "\(position(of: min(offset, bytes.count), in: bytes)): \(detail.replacingOccurrences(of: #" around character \d+"#, with: "", options: .regularExpression))"
        }
        return detail
    }

    /// `line L, column C` (both 1-based; columns count characters, not bytes) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> String {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return "line \(line), column \(column)"
    }
}
