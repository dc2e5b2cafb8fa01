import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// How close an incremental update gets to a full retrain on MovieLens 100K, and how long it
/// takes; run by `swift run -c release lightgcn-benchmarks cold-start/incremental-update-ml-100k` (a benchmark, not a unit test). Data from
/// `../shared/data/ml-100k` (override the folder with `LIGHTGCN_DATA`).
///
/// Protocol per seed: 20% of the users (``ColdUserSplit``) are held back; a LightGCN is trained
/// on the others; then the held-back users arrive with half of their items (the delta) and the
/// other half is their test set. Reported: Recall@20 and NDCG@20 of the added users for
/// popularity, fold-in only, the incremental update, and a full retrain on the enlarged data
/// with the base model's settings, and the seconds of the update and of the retrain.
enum IncrementalUpdateBenchmark {
    static var data: String { ProcessInfo.processInfo.environment["LIGHTGCN_DATA"] ?? "../shared/data" }

    static func movieLensAddedUsers() throws {
        let directory = Self.data + "/ml-100k"
        guard FileManager.default.fileExists(atPath: directory + "/u.data") else {
            print("ml-100k not found at \(directory): benchmark skipped (set LIGHTGCN_DATA)")
            return
        }
        let all = try MovieLens100KReader().load(directory: directory).interactions()
        var c = TrainingConfiguration()
        c.learningRate = 0.005
        c.epochs = 40
        var table: [String: [Double]] = [:]
        for seed in [1, 2, 3] as [UInt64] {
            c.seed = seed
            let split = try ColdUserSplit(interactions: all, coldFraction: 0.2, revealedFraction: 0.5,
                                          warmTestFraction: 0, seed: seed)
            let warm = split.train.userCount, cold = split.coldUsers.count
            let clock = ContinuousClock()
            let base = try BPRTrainer(train: split.train, configuration: c)
            let baseTime = clock.measure { for _ in 0..<c.epochs { base.trainEpoch() } }
            var pairs: [(user: Int, item: Int)] = []
            for k in 0..<cold { pairs += split.coldRevealed.row(k).map { (warm + k, Int($0)) } }
            let delta = InteractionDelta(newUserCount: cold, pairs: pairs)
            let users = warm + cold
            let merged = InteractionMatrix(userCount: users, itemCount: all.itemCount, pairs: split.train.pairs + pairs)
            var testRows = [[Int]](repeating: [], count: users)
            for k in 0..<cold { testRows[warm + k] = split.coldTest.row(k).map(Int.init) }
            let test = InteractionMatrix(userCount: users, itemCount: all.itemCount, itemsOfUser: IndexRows(testRows))
            let evaluator = RankingEvaluator(known: merged, heldOut: test, ks: [20])
            func record(_ name: String, _ recommender: any Recommender) {
                let metrics = evaluator.evaluate(recommender).metrics
                table[name + " Recall@20", default: []].append(metrics["Recall@20"]!)
                table[name + " NDCG@20", default: []].append(metrics["NDCG@20"]!)
            }
            record("popularity", PopularityRecommender(itemsOfUser: merged.itemsOfUser, itemCount: all.itemCount))
            let variants: [(String, IncrementalUpdateSettings)] = [
                ("fold-in only", IncrementalUpdateSettings(steps: 0)),
                ("incremental (100 steps, new rows)", IncrementalUpdateSettings()),
                ("incremental (300 steps, new rows)", IncrementalUpdateSettings(steps: 300)),
                ("incremental (100 steps, new rows and neighbours)", IncrementalUpdateSettings(scope: .newNodesAndNeighbours)),
            ]
            for (name, settings) in variants {
                let update = try IncrementalUpdate(settings: settings).apply(delta, to: base.model, train: split.train,
                                                                             configuration: c)
                record(name, update.recommender())
                table[name + " seconds", default: []].append(update.seconds)
            }
            let full = try BPRTrainer(train: merged, configuration: c)
            let fullTime = clock.measure { for _ in 0..<c.epochs { full.trainEpoch() } }
            record("full retrain", full.recommender())
            table["full retrain seconds", default: []].append(Self.seconds(fullTime))
            print("seed \(seed): \(warm) warm users (\(split.train.interactionCount) pairs), \(cold) added users with "
                  + "\(pairs.count) pairs; base training \(baseTime), full retrain \(fullTime)")
        }
        for (name, values) in table.sorted(by: { $0.key < $1.key }) {
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, values.count - 1))).squareRoot()
            print("ml-100k added users  \(name.padding(toLength: 58, withPad: " ", startingAt: 0)) "
                  + String(format: "%.4f ± %.4f  ", mean, sd) + values.map { String(format: "%.4f", $0) }.joined(separator: " "))
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
