import ArgumentParser

/// `fgsync-bench`: measures the state file and the planner at scale. Not a test: it prints
/// rates for people to compare against the targets.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fgsync-bench",
        abstract: "Benchmarks for fgsync's state file and planner.",
        subcommands: [PlanBenchmark.self, CodecBenchmark.self, ReconcileBenchmark.self, DeltaBenchmark.self, ServeBenchmark.self, PhoneComparison.self, ChildrenBenchmark.self])
}
