import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// The cold-start protocol on MovieLens 100K over three seeds; run by `swift run -c release lightgcn-benchmarks cold-start/protocol-ml-100k` (a benchmark, not a unit test). Data from `../shared/data/ml-100k`
/// (override the folder with `LIGHTGCN_DATA`). All ratings are positives; user features age,
/// gender, occupation; item features genres, year.
///
/// - Users: 20% held out; half of each one's items revealed (fold-in rows), or none (the true
///   cold case: features only, also with a feature model without user IDs); warm users keep
///   20% of their items as test.
/// - Items: 20% held out, nothing revealed; ranked among the cold items for their users, with
///   and without item IDs in the feature model; popularity is then a chance baseline.
enum ColdStartProtocolBenchmark {
    static var data: String { ProcessInfo.processInfo.environment["LIGHTGCN_DATA"] ?? "../shared/data" }

    static func movieLens() throws {
        let directory = Self.data + "/ml-100k"
        guard FileManager.default.fileExists(atPath: directory + "/u.data") else {
            print("ml-100k not found at \(directory): benchmark skipped (set LIGHTGCN_DATA)")
            return
        }
        let log = try MovieLens100KReader().load(directory: directory)
        let all = log.interactions()
        let userFeatures = NodeFeatures(table: log.userAttributes!, names: ["age", "gender", "occupation"])
        let itemFeatures = NodeFeatures(table: log.itemAttributes!, names: ["genres", "year"])
        var c = TrainingConfiguration()
        c.learningRate = 0.005
        c.epochs = 40
        let evaluation = ColdStartEvaluation(ks: [20])
        var table: [String: [Double]] = [:]
        for seed in [1, 2, 3] as [UInt64] {
            c.seed = seed
            var results: [(String, ColdStartResult)] = []
            for (revealed, ids) in [(0.5, true), (0, true), (0, false)] {
                let split = try ColdUserSplit(interactions: all, coldFraction: 0.2, revealedFraction: revealed, seed: seed)
                let rows = try evaluation.runUserProtocol(split, userFeatures: userFeatures, itemFeatures: itemFeatures,
                                                          configuration: c, useUserIDs: ids)
                results += rows.filter { ids || $0.method.contains("no user IDs") }.map { ("revealed \(revealed)", $0) }
            }
            let itemSplit = try ColdItemSplit(interactions: all, coldFraction: 0.2, seed: seed)
            for ids in [true, false] {
                let rows = try evaluation.runItemProtocol(itemSplit, userFeatures: userFeatures, itemFeatures: itemFeatures,
                                                          configuration: c, useItemIDs: ids)
                results += rows.filter { ids || $0.method.contains("no item IDs") }.map { ("", $0) }
            }
            for (setting, result) in results {
                let name = "\(result.group.rawValue) \(setting.isEmpty ? "" : "(\(setting)) ")\(result.method)"
                table[name + " | Recall@20", default: []].append(result.report.metrics["Recall@20"]!)
                table[name + " | NDCG@20", default: []].append(result.report.metrics["NDCG@20"]!)
            }
            print("seed \(seed) done")
        }
        for (name, values) in table.sorted(by: { $0.key < $1.key }) {
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, values.count - 1))).squareRoot()
            print("ml-100k \(name.padding(toLength: 80, withPad: " ", startingAt: 0)) "
                  + String(format: "%.4f ± %.4f  ", mean, sd) + values.map { String(format: "%.4f", $0) }.joined(separator: " "))
        }
    }
}
