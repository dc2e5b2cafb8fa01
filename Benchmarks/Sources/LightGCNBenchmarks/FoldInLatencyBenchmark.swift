import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// The time to fold one new user into a Gowalla-sized LightGCN (29,858 users, 40,981 items,
/// D = 64, L = 3); run by `swift run -c release lightgcn-benchmarks cold-start/fold-in-latency`, in a release build:
///
///     swift run -c release lightgcn-benchmarks cold-start/fold-in-latency
///
/// The graph is Gowalla's training graph from `../shared/data/gowalla` (override the folder with
/// `LIGHTGCN_DATA`), or a random graph of the same shape when that is missing; the embedding
/// table is random N(0, 0.1²) (the time does not depend on the values). Each of 1,000 users
/// (every 29th) is folded in with its own training items as the new user's items; a user's time
/// is the fastest of three runs (on a shared machine a preempted run measures other processes).
enum FoldInLatencyBenchmark {
    static var data: String { ProcessInfo.processInfo.environment["LIGHTGCN_DATA"] ?? "../shared/data" }

    /// Gowalla's training interactions, or random ones of its shape.
    static func interactions() throws -> (InteractionMatrix, String) {
        let directory = data + "/gowalla"
        if FileManager.default.fileExists(atPath: directory + "/train.txt") {
            return (try RecommendationDataset.loadPaperFormat(directory: directory, name: "gowalla").train, "gowalla train graph")
        }
        var g = SeededGenerator(seed: 1)
        let users = 29_858, items = 40_981, perUser = 810_128 / users
        var pairs: [(user: Int, item: Int)] = []
        for u in 0..<users { for _ in 0..<perUser { pairs.append((u, g.nextIndex(below: items))) } }
        return (InteractionMatrix(userCount: users, itemCount: items, pairs: pairs), "random graph of Gowalla's shape")
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
    }

    static func gowallaSizedFoldIn() throws {
        let (train, source) = try Self.interactions()
        var g = SeededGenerator(seed: 2)
        let model = LightGCN<Float>(numNodes: train.userCount + train.itemCount, embeddingDim: 64, numLayers: 3,
                                    initialization: .normal(standardDeviation: 0.1), generator: &g)
        let graph = PropagationGraph<Float>(userCount: train.userCount, itemCount: train.itemCount,
                                            itemsOfUser: train.itemsOfUser)
        let clock = ContinuousClock()
        let users = Array(stride(from: 0, to: train.userCount, by: 29))
        print("\(source): \(train.userCount) users, \(train.itemCount) items, \(train.interactionCount) pairs; "
              + "\(users.count) users folded in, mean \(users.map { train.items(ofUser: $0).count }.reduce(0, +) / users.count) items each")
        let cases: [(String, FoldInPropagation, FoldInLayerZero)] = [
            ("exact, neighbour mean (default)", .exact, .neighbourMean),
            ("trained neighbour layers, neighbour mean", .trainedNeighbourLayers, .neighbourMean),
            ("exact, fitted by 20 BPR steps", .exact, .fittedByBPR(from: .neighbourMean, settings: FoldInBPRSettings())),
        ]
        var defaultMean = Double.infinity
        for (name, propagation, layerZero) in cases {
            var recommender: FoldInRecommender?
            let setup = clock.measure {
                recommender = FoldInRecommender(model: model, graph: graph, userCount: train.userCount,
                                                itemCount: train.itemCount, propagation: propagation, layerZero: layerZero)
            }
            let foldIn = try required(recommender)
            var sink: Float = 0
            for u in users.prefix(50) { sink += foldIn.embedding(forItems: train.items(ofUser: u).map(Int.init))[0] }
            var times: [Double] = [], slowest: [(ms: Double, items: Int, twoHop: Int)] = []
            for u in users {
                let items = train.items(ofUser: u).map(Int.init)
                // The fastest of three runs: the machine is shared, and a run that is preempted
                // measures the other processes rather than the fold-in.
                let ms = (0..<3).map { _ in
                    Self.milliseconds(clock.measure { sink += foldIn.embedding(forItems: items)[0] })
                }.min()!
                times.append(ms)
                slowest.append((ms, items.count, items.map { train.itemPopularity[$0] }.reduce(0, +)))
            }
            slowest.sort { $0.ms > $1.ms }
            var recommendTimes: [Double] = []
            for u in users.prefix(300) {
                let items = train.items(ofUser: u).map(Int.init)
                recommendTimes.append(Self.milliseconds(clock.measure { sink += foldIn.recommend(items: items, k: 20)[0].score }))
            }
            times.sort()
            recommendTimes.sort()
            let mean = times.reduce(0, +) / Double(times.count)
            if propagation == .exact && layerZero == .neighbourMean { defaultMean = mean }
            print("fold-in of one user, \(name): " + String(
                format: "mean %.3f ms, p50 %.3f, p99 %.3f, max %.3f; fold-in + top-20 over all items p50 %.3f ms; "
                    + "setup (once per model) %.0f ms (%g)",
                mean, times[times.count / 2], times[times.count * 99 / 100], times.last!,
                recommendTimes[recommendTimes.count / 2], Self.milliseconds(setup), Double(sink))
                + "; slowest (ms, items, Σ item degrees): "
                + slowest.prefix(4).map { String(format: "(%.2f, %d, %d)", $0.ms, $0.items, $0.twoHop) }.joined(separator: " "))
        }
        check(defaultMean < 1, "fold-in of one user takes \(defaultMean) ms on average (build with -c release)")
    }
}
