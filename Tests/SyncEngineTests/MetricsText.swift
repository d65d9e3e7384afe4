/// Reads series from a Prometheus text exposition.
enum MetricsText {
    /// The sum of the series of `query` (`name` or `name{a="x",b="y"}`) whose labels include
    /// every label the query gives; 0 when none.
    static func value(_ query: String, in text: String) -> Double {
        let (name, wanted) = split(query)
        var total = 0.0
        for row in text.split(separator: "\n") where !row.hasPrefix("#") {
            guard let space = row.lastIndex(of: " ") else { continue }
            let (rowName, labels) = split(String(row[..<space]))
            guard rowName == name, wanted.isSubset(of: labels) else { continue }
            total += Double(row[row.index(after: space)...]) ?? 0
        }
        return total
    }

    /// A series' name and its `key="value"` labels.
    static func split(_ series: String) -> (String, Set<String>) {
        guard let brace = series.firstIndex(of: "{"), series.hasSuffix("}") else { return (series, []) }
        let inside = series[series.index(after: brace)..<series.index(before: series.endIndex)]
        // Label values here hold no commas or quotes of their own.
        return (String(series[..<brace]), Set(inside.split(separator: ",").map(String.init)))
    }
}
