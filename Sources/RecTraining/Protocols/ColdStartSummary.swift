/// The cold-start protocol's results over several seeds: for each group (cold users, warm
/// users, cold items) and method, every metric's mean, sample standard deviation
/// `s = √(Σ (x − x̄)² / (n − 1))` (0 for one seed) and per-seed values; grouped in the order
/// of `ColdStartResult.Group`, methods in the order the protocol reports them.
public struct ColdStartSummary: Encodable, Sendable {
    /// One metric over the seeds.
    public struct Statistic: Encodable, Equatable, Sendable {
        /// The mean over the seeds.
        public var mean: Double
        /// The sample standard deviation over the seeds (0 for one seed).
        public var standardDeviation: Double
        /// One value per seed, in seed order.
        public var values: [Double]

        /// The statistics of `values`.
        public init(_ values: [Double]) {
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            let squares = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
            self.mean = mean
            standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
            self.values = values
        }
    }

    /// One group and method.
    public struct Row: Encodable, Sendable {
        /// `cold users`, `warm users` or `cold items`.
        public var group: String
        /// The model and strategy, for example `feature LightGCN, fold-in + features`.
        public var method: String
        /// Evaluated users per seed (their mean).
        public var users: Double
        /// Every metric of the protocol, by key (`Recall@20`).
        public var metrics: [String: Statistic]
    }

    /// The rows in the protocol's order.
    public var rows: [Row]

    /// The summary of one result list per seed (a method missing for a seed is averaged over
    /// the seeds that have it).
    public init(perSeed: [[ColdStartResult]]) {
        var order: [String] = [], byKey: [String: [ColdStartResult]] = [:]
        for results in perSeed {
            for result in results {
                let key = result.group.rawValue + "\u{1F}" + result.method
                if byKey[key] == nil { order.append(key) }
                byKey[key, default: []].append(result)
            }
        }
        let groups = ColdStartResult.Group.allCases
        let sorted = order.enumerated().sorted { a, b in
            let ga = groups.firstIndex(of: byKey[a.element]![0].group)!, gb = groups.firstIndex(of: byKey[b.element]![0].group)!
            return (ga, a.offset) < (gb, b.offset)
        }.map(\.element)
        rows = sorted.map { key in
            let results = byKey[key]!
            let names = Set(results.flatMap { $0.report.metrics.keys })
            let metrics = Dictionary(uniqueKeysWithValues: names.map { name in
                (name, Statistic(results.compactMap { $0.report.metrics[name] }))
            })
            let users = Double(results.map(\.report.userCount).reduce(0, +)) / Double(results.count)
            return Row(group: results[0].group.rawValue, method: results[0].method, users: users, metrics: metrics)
        }
    }
}
