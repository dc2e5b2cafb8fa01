import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// Real-data measurements of fold-in and cold start; run by `swift run -c release lightgcn-benchmarks cold-start/gowalla-fold-in-time, cold-start/ml-100k-cold-users`
/// (benchmarks, not unit tests). Data from `../shared/data` (override with `LIGHTGCN_DATA`).
enum ColdStartBenchmarks {
    static var data: String { ProcessInfo.processInfo.environment["LIGHTGCN_DATA"] ?? "../shared/data" }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
    }

    static func gowallaFoldInTime() throws {
        let dataset = try RecommendationDataset.loadPaperFormat(directory: Self.data + "/gowalla", name: "gowalla")
        var c = TrainingConfiguration()
        c.maxBatchesPerEpoch = 10
        let trainer = try BPRTrainer(train: dataset.train, configuration: c)
        trainer.trainEpoch()
        let clock = ContinuousClock()
        let users = Array(stride(from: 0, to: dataset.userCount, by: 29))
        for propagation in FoldInPropagation.allCases {
            for (name, layerZero) in [("mean", FoldInLayerZero.neighbourMean),
                                      ("bpr", .fittedByBPR(from: .neighbourMean, settings: FoldInBPRSettings()))] {
                var recommender: FoldInRecommender?
                let setup = clock.measure {
                    recommender = FoldInRecommender(model: trainer.model, graph: trainer.graph, userCount: dataset.userCount,
                                                    itemCount: dataset.itemCount, propagation: propagation, layerZero: layerZero)
                }
                let foldIn = try required(recommender)
                var times: [Double] = [], sink: Float = 0
                for u in users {
                    let items = dataset.train.items(ofUser: u).map(Int.init)
                    times.append(Self.milliseconds(clock.measure { sink += foldIn.embedding(forItems: items)[0] }))
                }
                var recommendTimes: [Double] = []
                for u in users.prefix(200) {
                    let items = dataset.train.items(ofUser: u).map(Int.init)
                    recommendTimes.append(Self.milliseconds(clock.measure { sink += foldIn.recommend(items: items, k: 20)[0].score }))
                }
                times.sort()
                recommendTimes.sort()
                let mean = times.reduce(0, +) / Double(times.count)
                print("gowalla fold-in \(propagation)/\(name): " + String(
                    format: "setup %.0f ms; embedding mean %.3f ms, p50 %.3f, p99 %.3f, max %.3f (%d users); recommend(k=20) p50 %.3f ms (%g)",
                    Self.milliseconds(setup), mean, times[times.count / 2], times[times.count * 99 / 100], times.last!,
                    times.count, recommendTimes[recommendTimes.count / 2], Double(sink)))
            }
        }
    }

    /// ml-100k, all ratings as positives; user features age, gender, occupation; item features
    /// genres, year.
    static func movieLensColdUsers() throws {
        let log = try MovieLens100KReader().load(directory: Self.data + "/ml-100k")
        let all = log.interactions()
        let userFeatures = NodeFeatures(table: log.userAttributes!, names: ["age", "gender", "occupation"])
        let itemFeatures = NodeFeatures(table: log.itemAttributes!, names: ["genres", "year"])
        var lines: [String] = []
        var table: [String: [Double]] = [:]
        for seed in [1, 2, 3] as [UInt64] {
            var rng = SeededGenerator(seed: seed)
            var order = Array(0..<all.userCount)
            order.shuffle(using: &rng)
            let cold = Array(order.prefix(all.userCount / 5)).sorted()
            let coldSet = Set(cold)
            let train = InteractionMatrix(userCount: all.userCount, itemCount: all.itemCount, pairs: all.pairs.filter { !coldSet.contains($0.user) })
            // Half of each cold user's items are given, the other half are the targets.
            var given: [Int: [Int]] = [:], target: [Int: Set<Int>] = [:]
            for u in cold {
                var items = all.items(ofUser: u).map(Int.init)
                items.shuffle(using: &rng)
                given[u] = Array(items.prefix(items.count / 2))
                target[u] = Set(items.dropFirst(items.count / 2))
            }
            func recall(_ rank: (Int) -> [Int]) -> Double {
                cold.map { u in Double(rank(u).filter { target[u]!.contains($0) }.count) / Double(target[u]!.count) }
                    .reduce(0, +) / Double(cold.count)
            }
            var c = TrainingConfiguration()
            c.dimension = 64
            c.layers = 3
            c.batchSize = 2048
            c.learningRate = 0.005
            c.epochs = 40
            c.seed = seed
            let clock = ContinuousClock()
            let idTrainer = try BPRTrainer(train: train, configuration: c)
            let idTime = clock.measure { for _ in 0..<c.epochs { idTrainer.trainEpoch() } }
            let featureTrainer = try FeatureBPRTrainer(train: train, configuration: c, userFeatures: userFeatures,
                                                       itemFeatures: itemFeatures)
            let featureTime = clock.measure { featureTrainer.fit() }
            let noIDTrainer = try FeatureBPRTrainer(train: train, configuration: c, userFeatures: userFeatures,
                                                    itemFeatures: itemFeatures, useUserIDs: false)
            noIDTrainer.fit()
            let popularity = PopularityRecommender(itemsOfUser: train.itemsOfUser, itemCount: train.itemCount)
            var results: [String: Double] = [:]
            results["popularity"] = recall { u in
                var excluded = [[Int]](repeating: [], count: all.userCount)
                excluded[u] = given[u]!
                return popularity.recommend(user: u, k: 20, excluding: IndexRows(excluded)).map(\.item)
            }
            for (name, layerZero) in [("mean", FoldInLayerZero.neighbourMean),
                                      ("bpr", .fittedByBPR(from: .neighbourMean, settings: FoldInBPRSettings()))] {
                let foldIn = FoldInRecommender(model: idTrainer.model, graph: idTrainer.graph, userCount: all.userCount,
                                               itemCount: all.itemCount, propagation: .exact, layerZero: layerZero)
                results["fold-in ID model (\(name))"] = recall { foldIn.recommend(items: given[$0]!, k: 20).map(\.item) }
            }
            for (label, trainer) in [("", featureTrainer), (", no user IDs", noIDTrainer)] {
                let coldStart = trainer.coldStartRecommender()
                results["features only" + label] = recall { u in
                    coldStart.foldIn.recommend(embedding: coldStart.userEmbedding(userFeatures: userFeatures.subset([u])),
                                               k: 20, excluding: given[u]!).map(\.item)
                }
                results["fold-in feature model (features as layer 0)" + label] = recall { u in
                    coldStart.recommend(userFeatures: userFeatures.subset([u]), items: given[u]!, k: 20).map(\.item)
                }
            }
            for (k, v) in results { table[k, default: []].append(v) }
            lines.append("seed \(seed): train \(train.interactionCount) pairs, \(cold.count) cold users; ID training \(idTime), feature training \(featureTime)")
        }
        for line in lines { print(line) }
        for (name, values) in table.sorted(by: { $0.key < $1.key }) {
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            let padded = name.padding(toLength: 48, withPad: " ", startingAt: 0)
            print("ml-100k cold users Recall@20  \(padded) " + String(format: "%.4f ± %.4f", mean, sd) + "  "
                  + values.map { String(format: "%.4f", $0) }.joined(separator: " "))
        }
    }
}
