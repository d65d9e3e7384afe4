#if canImport(Glibc)
import CMalloc
#endif
import Foundation

/// Process-wide memory settings for long runs over many records.
public enum ProcessMemory {
    /// Caps glibc's malloc arenas at the number of cores (at least 2).
    ///
    /// glibc gives each new thread that allocates under contention its own arena, up to eight
    /// per core, and memory freed in one arena is not reused by another. A snapshot encodes
    /// pages on every core (GCD threads) while the async runtime's threads parse and the
    /// SQLite writer inserts, so freed pages piled up across arenas: at 200,000 pairs the
    /// benchmark's peak fell from 263 MB to 211 MB with the cap, at the same speed
    /// (`fgsync-bench plan`). Call it first thing in `main`, before threads allocate. Our own
    /// executables allocate through jemalloc (see `Package.swift`), which this leaves alone; it
    /// matters to a host that links the libraries with glibc's malloc.
    public static func limitArenas() {
        #if canImport(Glibc)
        _ = fg_limit_malloc_arenas(Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
    }
}
