import Foundation
import RecTraining

/// Machine-readable training history: CSV for spreadsheets and pandas, JSON for programs.
///
/// CSV columns: `epoch,selected,loss,bpr_loss,reg_loss,batches,seconds,eval_seconds`, then one
/// column per metric key that occurs in any epoch, in `MetricKey` order (split, family, K
/// numerically, so `Recall@5` precedes `Recall@10`). `selected` is 1 on the row of the selected
/// epoch (the one whose model was kept) and 0 elsewhere. A metric not evaluated in an epoch is
/// an empty cell. Numbers are written in full (shortest round-trip) precision; non-finite ones
/// as `nan`, `inf`, `-inf`. Lines end with `\n`.
///
///     import pandas as pd
///     h = pd.read_csv("model.lgcn.history.csv")
///     h.plot(x="epoch", y=["validation/Recall@20", "train/Recall@20"])
///
/// JSON: one `HistoryDocument` object (see there), pretty-printed with sorted keys.
public enum HistoryExport {
    /// The fixed leading CSV columns.
    public static let baseColumns = ["epoch", "selected", "loss", "bpr_loss", "reg_loss", "batches", "seconds", "eval_seconds"]

    /// Metric keys of `history`, in column order.
    public static func metricKeys(_ history: [EpochRecord]) -> [String] {
        Set(history.flatMap(\.metrics.keys)).map(MetricKey.init).sorted().map(\.description)
    }

    /// The history as CSV; `selectedEpoch` marks its row in the `selected` column.
    public static func csv(_ history: [EpochRecord], selectedEpoch: Int? = nil) -> String {
        let keys = metricKeys(history)
        var lines = [(baseColumns + keys).map(quoted).joined(separator: ",")]
        for record in history {
            let base = ["\(record.epoch)", record.epoch == selectedEpoch ? "1" : "0", number(record.loss),
                        number(record.bprLoss), number(record.regularizationLoss), "\(record.batches)",
                        number(record.seconds), number(record.evaluationSeconds)]
            lines.append((base + keys.map { record.metrics[$0].map(number) ?? "" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `document` as pretty-printed JSON with sorted keys; non-finite numbers as the strings
    /// `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public static func json(_ document: HistoryDocument) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Encoding plain numbers, strings and dictionaries with this strategy cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The history alone as a JSON document (no selected epoch, test metrics or run facts).
    public static func json(_ history: [EpochRecord]) -> String {
        json(HistoryDocument(history: history))
    }

    /// Reads a document written by `json(_:)`.
    public static func document(fromJSON text: String) throws -> HistoryDocument {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(HistoryDocument.self, from: Data(text.utf8))
    }

    /// The epochs of a document written by `json(_:)`.
    public static func history(fromJSON text: String) throws -> [EpochRecord] {
        try document(fromJSON: text).history
    }

    /// Writes `csv(history, selectedEpoch:)` to `path` atomically.
    public static func writeCSV(_ history: [EpochRecord], selectedEpoch: Int? = nil, to path: String) throws(ReportError) {
        try AtomicFile.write(csv(history, selectedEpoch: selectedEpoch), to: path)
    }

    /// Writes `json(document)` to `path` atomically.
    public static func writeJSON(_ document: HistoryDocument, to path: String) throws(ReportError) {
        try AtomicFile.write(json(document), to: path)
    }

    /// Writes `json(history)` to `path` atomically.
    public static func writeJSON(_ history: [EpochRecord], to path: String) throws(ReportError) {
        try writeJSON(HistoryDocument(history: history), to: path)
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
