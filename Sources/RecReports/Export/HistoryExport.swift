import Foundation
import RecTraining

/// Machine-readable training history: CSV for spreadsheets and pandas, JSON for programs.
///
/// CSV columns: `epoch,loss,bpr_loss,reg_loss,batches,seconds,eval_seconds`, then one column
/// per metric key that occurs in any epoch, in `MetricKey` order (split, family, K numerically,
/// so `Recall@5` precedes `Recall@10`). A metric not evaluated in an epoch is an empty cell.
/// Numbers are written in full (shortest round-trip) precision; non-finite ones as `nan`,
/// `inf`, `-inf`. Lines end with `\n`.
public enum HistoryExport {
    /// The fixed leading CSV columns.
    public static let baseColumns = ["epoch", "loss", "bpr_loss", "reg_loss", "batches", "seconds", "eval_seconds"]

    /// Metric keys of `history`, in column order.
    public static func metricKeys(_ history: [EpochRecord]) -> [String] {
        Set(history.flatMap(\.metrics.keys)).map(MetricKey.init).sorted().map(\.description)
    }

    /// The history as CSV.
    public static func csv(_ history: [EpochRecord]) -> String {
        let keys = metricKeys(history)
        var lines = [(baseColumns + keys).map(quoted).joined(separator: ",")]
        for record in history {
            let base = ["\(record.epoch)", number(record.loss), number(record.bprLoss),
                        number(record.regularizationLoss), "\(record.batches)", number(record.seconds),
                        number(record.evaluationSeconds)]
            lines.append((base + keys.map { record.metrics[$0].map(number) ?? "" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The history as a pretty-printed JSON array of epoch objects with sorted keys (the
    /// `EpochRecord` fields plus the total `loss`); non-finite numbers as the strings `"NaN"`,
    /// `"Infinity"`, `"-Infinity"`.
    public static func json(_ history: [EpochRecord]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Encoding plain numbers, strings and dictionaries with this strategy cannot fail.
        let data = (try? encoder.encode(history.map(ExportedEpoch.init))) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a history written by `json(_:)`.
    public static func history(fromJSON text: String) throws -> [EpochRecord] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode([EpochRecord].self, from: Data(text.utf8))
    }

    /// Writes `csv(history)` to `path` atomically.
    public static func writeCSV(_ history: [EpochRecord], to path: String) throws(ReportError) {
        try AtomicFile.write(csv(history), to: path)
    }

    /// Writes `json(history)` to `path` atomically.
    public static func writeJSON(_ history: [EpochRecord], to path: String) throws(ReportError) {
        try AtomicFile.write(json(history), to: path)
    }

    /// A CSV number: Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        value.isNaN ? "nan" : "\(value)"
    }

    /// A CSV field, quoted when it contains a comma, quote or line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One epoch in the JSON export: the `EpochRecord` fields under their Codable names, plus the
/// total loss.
struct ExportedEpoch: Encodable {
    var epoch: Int
    var loss: Double
    var bprLoss: Double
    var regularizationLoss: Double
    var batches: Int
    var seconds: Double
    var metrics: [String: Double]
    var evaluationSeconds: Double

    init(_ record: EpochRecord) {
        epoch = record.epoch
        loss = record.loss
        bprLoss = record.bprLoss
        regularizationLoss = record.regularizationLoss
        batches = record.batches
        seconds = record.seconds
        metrics = record.metrics
        evaluationSeconds = record.evaluationSeconds
    }
}
