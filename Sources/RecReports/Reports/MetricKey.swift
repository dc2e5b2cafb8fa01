/// The parts of a metric key such as `"validation/Recall@20"`.
///
/// Key convention of the reports (and of `EpochRecord.metrics` and `EvaluationReport.metrics`):
///
/// - `"Recall@20"` — a plain key: the metric on the split the run evaluates on (its
///   evaluation split; `split` is `nil`);
/// - `"validation/Recall@20"`, `"test/NDCG@10"`, `"train/Recall@20"` — the same metric on the
///   named split: everything before the first `/` is the split;
/// - `"@K"` at the end gives the cut-off; a key without it (`"Coverage"`) has `k == nil`.
///
/// Keys order by split (evaluation, train, validation, test, then others by name), then by
/// metric family (Recall, Precision, NDCG, HitRate, MAP, MRR, F1, then others by name), then by
/// K numerically.
public struct MetricKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The split, or `nil` for the evaluation split (a plain key).
    public var split: String?
    /// The metric family, e.g. `"Recall"`.
    public var family: String
    /// The cut-off, if the key has one.
    public var k: Int?

    /// Families in display order; others follow alphabetically.
    public static let familyOrder = ["Recall", "Precision", "NDCG", "HitRate", "MAP", "MRR", "F1"]
    /// Splits in display order after the evaluation split; others follow alphabetically.
    public static let splitOrder = ["train", "validation", "test"]

    /// A key from its parts.
    public init(split: String? = nil, family: String, k: Int? = nil) {
        self.split = split
        self.family = family
        self.k = k
    }

    /// Parses `key` by the convention above; never fails (an odd key is a family of its own).
    public init(_ key: String) {
        var rest = Substring(key)
        if let slash = rest.firstIndex(of: "/") {
            split = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
        }
        if let at = rest.lastIndex(of: "@"), let k = Int(rest[rest.index(after: at)...]) {
            family = String(rest[..<at])
            self.k = k
        } else {
            family = String(rest)
        }
    }

    /// The key as written: `"validation/Recall@20"`.
    public var description: String {
        (split.map { $0 + "/" } ?? "") + family + (k.map { "@\($0)" } ?? "")
    }

    /// The family and cut-off without the split: `"Recall@20"`.
    public var metricName: String { family + (k.map { "@\($0)" } ?? "") }

    /// A label for legends: `"Recall@20"`, `"validation Recall@20"`.
    public var label: String { (split.map { $0 + " " } ?? "") + metricName }

    public static func < (a: MetricKey, b: MetricKey) -> Bool {
        let splitA = rank(a.split, in: splitOrder), splitB = rank(b.split, in: splitOrder)
        if splitA != splitB { return splitA < splitB }
        let familyA = rank(a.family, in: familyOrder)
        let familyB = rank(b.family, in: familyOrder)
        if familyA != familyB { return familyA < familyB }
        return (a.k ?? -1) < (b.k ?? -1)
    }

    /// Sort position of `name` in `order`: the listed names first, then the others by name.
    static func rank(_ name: String?, in order: [String]) -> (Int, String) {
        guard let name else { return (-1, "") }
        if let index = order.firstIndex(of: name) { return (index, "") }
        return (order.count, name)
    }

    /// Families present in `keys`, in display order.
    public static func families(in keys: some Sequence<MetricKey>) -> [String] {
        Array(Set(keys.map(\.family))).sorted { rank($0, in: familyOrder) < rank($1, in: familyOrder) }
    }
}
