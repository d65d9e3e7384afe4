import Foundation

/// What `fgsync-bench plan --json` prints: one object, snake_case keys, figures of one run.
struct PlanFigures: Encodable {
    var pairs: Int
    /// `sqlite` or `postgres`: where the state was kept.
    var backend = "sqlite"
    var ingestRecordsPerSecond: Double?
    var planPairsPerSecond: Double = 0
    var planSeconds: Double = 0
    var ingestPlanSeconds: Double = 0
    var peakRSSMB: Double = 0
    var stateFileMB: Double = 0
    /// Building the file: both first snapshots, the bases, and the log copied into the file
    /// when it closes (`/proc/self/io` write_bytes).
    var bytesWrittenMB: Double?
    /// Of `bytesWrittenMB`, the bases step's.
    var basesBytesWrittenMB: Double?
    /// CPU seconds of the process while ingesting, and while planning (all threads).
    var ingestCPUSeconds: Double?
    var planCPUSeconds: Double = 0
    /// A second ingest of the same snapshots, nothing changed.
    var rerunBytesWrittenMB: Double?
    var rerunIngestSeconds: Double?
    var referenceJoinSeconds: Double?
    /// `ReferenceWrite`: SQLite alone storing the run's mirror rows as the store writes them,
    /// wall and CPU seconds; the least the ingest's one writer could take in this layout.
    var referenceWriteSeconds: Double?
    var referenceWriteCPUSeconds: Double?
    /// CPU seconds of the ingest the benchmark's own generator took (threads' time making pages).
    var generationCPUSeconds: Double?
    var operations = 0

    enum CodingKeys: String, CodingKey {
        case pairs, operations, backend
        case ingestRecordsPerSecond = "ingest_records_per_s"
        case planPairsPerSecond = "plan_pairs_per_s"
        case planSeconds = "plan_s"
        case ingestPlanSeconds = "ingest_plan_s"
        case peakRSSMB = "peak_rss_mb"
        case stateFileMB = "state_file_mb"
        case bytesWrittenMB = "bytes_written_mb"
        case basesBytesWrittenMB = "bases_bytes_written_mb"
        case ingestCPUSeconds = "ingest_cpu_s"
        case planCPUSeconds = "plan_cpu_s"
        case rerunBytesWrittenMB = "rerun_bytes_written_mb"
        case rerunIngestSeconds = "rerun_ingest_s"
        case referenceJoinSeconds = "reference_join_s"
        case referenceWriteSeconds = "reference_write_s"
        case referenceWriteCPUSeconds = "reference_write_cpu_s"
        case generationCPUSeconds = "generation_cpu_s"
        case planOverReference = "plan_over_reference"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pairs, forKey: .pairs)
        try container.encode(backend, forKey: .backend)
        try container.encode(operations, forKey: .operations)
        try container.encodeIfPresent(ingestRecordsPerSecond.map(Self.rounded), forKey: .ingestRecordsPerSecond)
        try container.encode(Self.rounded(planPairsPerSecond), forKey: .planPairsPerSecond)
        try container.encode(Self.rounded(planSeconds), forKey: .planSeconds)
        try container.encode(Self.rounded(ingestPlanSeconds), forKey: .ingestPlanSeconds)
        try container.encode(Self.rounded(peakRSSMB), forKey: .peakRSSMB)
        try container.encode(Self.rounded(stateFileMB), forKey: .stateFileMB)
        try container.encodeIfPresent(bytesWrittenMB.map(Self.rounded), forKey: .bytesWrittenMB)
        try container.encodeIfPresent(basesBytesWrittenMB.map(Self.rounded), forKey: .basesBytesWrittenMB)
        try container.encodeIfPresent(ingestCPUSeconds.map(Self.rounded), forKey: .ingestCPUSeconds)
        try container.encode(Self.rounded(planCPUSeconds), forKey: .planCPUSeconds)
        try container.encodeIfPresent(rerunBytesWrittenMB.map(Self.rounded), forKey: .rerunBytesWrittenMB)
        try container.encodeIfPresent(rerunIngestSeconds.map(Self.rounded), forKey: .rerunIngestSeconds)
        try container.encodeIfPresent(referenceJoinSeconds.map(Self.rounded), forKey: .referenceJoinSeconds)
        try container.encodeIfPresent(referenceWriteSeconds.map(Self.rounded), forKey: .referenceWriteSeconds)
        try container.encodeIfPresent(referenceWriteCPUSeconds.map(Self.rounded), forKey: .referenceWriteCPUSeconds)
        try container.encodeIfPresent(generationCPUSeconds.map(Self.rounded), forKey: .generationCPUSeconds)
        try container.encodeIfPresent(planOverReference.map(Self.rounded), forKey: .planOverReference)
    }

    /// Planning's time over the reference join's; `nil` when the join took no measurable time
    /// (`sqlite3` times in milliseconds: a few thousand rows take 0.000 s).
    var planOverReference: Double? {
        guard let reference = referenceJoinSeconds, reference > 0 else { return nil }
        return planSeconds / reference
    }

    /// Three decimals: figures, not noise. A value that is not finite (a rate over no time)
    /// cannot be JSON and is written as 0.
    static func rounded(_ value: Double) -> Double { value.isFinite ? (value * 1000).rounded() / 1000 : 0 }

    /// One line of JSON, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
