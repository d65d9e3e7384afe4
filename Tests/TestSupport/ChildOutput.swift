import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a child writes to a captured standard output or error. A thread of its own reads the
/// pipe as the child writes, so the child never stalls on a full pipe and no task blocks in
/// `read(2)`; `nextLine()` and `readToEnd()` wait (as tasks) for what they need. One reader at
/// a time.
public final class ChildOutput: Sendable {
    /// What a reader waits for.
    private enum Need: Sendable {
        case line, end

        func isMet(by state: State) -> Bool { state.ended || (self == .line && state.bytes.contains(UInt8(ascii: "\n"))) }
    }

    private struct State {
        var bytes: [UInt8] = []
        var ended = false
        var waiters: [(need: Need, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    /// Reads `descriptor` (a pipe's read end, closed here once the child closed its end) on a
    /// new thread.
    init(reading descriptor: Int32) {
        Thread { [self] in drain(descriptor) }.start()
    }

    /// The next line the child wrote, without its newline; nil once the child closed the
    /// stream and every line was read.
    public func nextLine() async -> String? {
        await wait(for: .line)
        return state.withLock { state -> String? in
            if let newline = state.bytes.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: state.bytes[..<newline], as: UTF8.self)
                state.bytes.removeSubrange(...newline)
                return line
            }
            guard !state.bytes.isEmpty else { return nil }
            defer { state.bytes = [] }
            return String(decoding: state.bytes, as: UTF8.self)
        }
    }

    /// Everything the child wrote (less the lines `nextLine()` took), once it closed the stream.
    public func readToEnd() async -> Data {
        await wait(for: .end)
        return state.withLock { state in
            defer { state.bytes = [] }
            return Data(state.bytes)
        }
    }

    private func wait(for need: Need) async {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if need.isMet(by: state) { continuation.resume() } else { state.waiters.append((need, continuation)) }
            }
        }
    }

    /// Runs on the reading thread: blocking reads until end of file (or an error), each chunk
    /// waking the readers whose need it meets.
    private func drain(_ descriptor: Int32) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            let ready = state.withLock { state in
                if count > 0 { state.bytes += chunk[..<count] } else { state.ended = true }
                let snapshot = state
                let met = snapshot.waiters.filter { $0.need.isMet(by: snapshot) }
                state.waiters = snapshot.waiters.filter { !$0.need.isMet(by: snapshot) }
                return met.map(\.continuation)
            }
            ready.forEach { $0.resume() }
            if count <= 0 { break }
        }
        close(descriptor)
    }
}
