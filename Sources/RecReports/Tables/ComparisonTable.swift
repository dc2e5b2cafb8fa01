import Foundation
import RecTraining

/// A comparison as a table: one row per model with Recall, NDCG, Precision, HitRate and MRR at
/// each cut-off, fit seconds and per-user latency (mean and p95), rendered for a terminal, as
/// Markdown or as CSV. A failed model keeps its row, with the error instead of numbers.
public struct ComparisonTable: Sendable {
    /// The rows, in display order.
    public var entries: [ComparisonEntry]
    /// Cut-offs shown.
    public var ks: [Int]
    /// Metric families shown at each cut-off.
    public var metricNames: [String]
    /// Further metric keys shown after them, never in bold (e.g. the beyond-accuracy metrics,
    /// where larger is not better).
    public var extraKeys: [String]
    /// Whether the fit and latency columns are shown (the CSV always has them).
    public var showsTimings = true

    /// A table of `entries` at `ks`.
    public init(entries: [ComparisonEntry], ks: [Int], metricNames: [String] = ["Recall", "NDCG", "Precision", "HitRate", "MRR"],
                extraKeys: [String] = []) {
        self.entries = entries
        self.ks = ks
        self.metricNames = metricNames
        self.extraKeys = extraKeys
    }

    /// The metric keys of the columns: each family at each K, then ``extraKeys``.
    public var metricKeys: [String] {
        ks.flatMap { k in metricNames.map { "\($0)@\(k)" } } + extraKeys
    }

    /// Column headers: model, each metric key, fit seconds, latency mean and p95.
    public var headers: [String] {
        ["model"] + metricKeys + (showsTimings ? ["fit s", "ms/user", "p95 ms"] : [])
    }

    /// The cells of one row (numbers with 4 decimals, times with 2; a failure fills the first
    /// metric cell with "failed: …" and leaves the others empty).
    public func cells(_ entry: ComparisonEntry) -> [String] {
        let metricCount = metricKeys.count
        guard entry.status == .ok else {
            return [entry.model, "failed: \(entry.error ?? "unknown error")"]
                + Array(repeating: "", count: max(0, metricCount - 1 + (showsTimings ? 3 : 0)))
        }
        let metrics = metricKeys.map { key in entry.metrics[key].map { String(format: "%.4f", $0) } ?? "–" }
        return [entry.model] + metrics + (showsTimings ? [String(format: "%.2f", entry.fitSeconds),
                                                         String(format: "%.2f", entry.latencyMeanMilliseconds),
                                                         String(format: "%.2f", entry.latencyP95Milliseconds)] : [])
    }

    /// Aligned columns for a terminal; failures are printed under the table in full.
    public var terminal: String {
        let rows = entries.map { entry -> [String] in
            var row = cells(entry)
            if entry.status != .ok { row[1] = "failed (see below)" }
            return row
        }
        let all = [headers] + rows
        let widths = headers.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        var lines = all.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        for entry in entries where entry.status != .ok {
            lines.append("\(entry.model) failed: \(entry.error ?? "unknown error")")
        }
        return lines.joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table (the best value of each metric in bold).
    public var markdown: String {
        var best: [Int: Double] = [:]
        let metricColumns = 1..<(1 + ks.count * metricNames.count)  // the families only: extra keys are not ranked
        for entry in entries where entry.status == .ok {
            let row = cells(entry)
            for c in metricColumns { if let v = Double(row[c]) { best[c] = max(best[c] ?? -.infinity, v) } }
        }
        var lines = ["| " + headers.joined(separator: " | ") + " |",
                     "|" + headers.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|"]
        for entry in entries {
            var row = cells(entry).map { $0.replacingOccurrences(of: "|", with: "\\|") }
            if entry.status == .ok {
                for c in metricColumns where Double(row[c]) == best[c] { row[c] = "**\(row[c])**" }
            }
            lines.append("| " + row.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with full-precision numbers, a `status` and an `error` column.
    public var csv: String {
        func quoted(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        var lines = [(["model", "status"] + metricKeys + ["fit_seconds", "latency_mean_ms", "latency_p95_ms", "selected_epoch", "settings", "error"])
            .joined(separator: ",")]
        for e in entries {
            let values = metricKeys.map { e.metrics[$0].map { String($0) } ?? "" }
            let row = [e.model, e.status.rawValue] + values
                + [String(e.fitSeconds), String(e.latencyMeanMilliseconds), String(e.latencyP95Milliseconds),
                   e.selectedEpoch.map(String.init) ?? "", e.settings, e.error ?? ""]
            lines.append(row.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
