import Foundation
import RecData
import RecKernels
import RecModels

/// Fits every baseline on the real Gowalla split and prints fit time, peak memory and
/// Recall@20 / NDCG@20 (full ranking, training items excluded). A benchmark, not a unit test:
/// run by `swift run -c release lightgcn-benchmarks gowalla-baseline/ease, /itemknn, /gfcf, /ials`, best in release
/// ; `BASELINES_GOWALLA`
/// overrides the directory (default `../shared/data/gowalla`). One model at a time: EASE alone
/// keeps two cores busy for minutes and needs about 11 GB.
enum GowallaBaselineBenchmark {
    static var directory: String { ProcessInfo.processInfo.environment["BASELINES_GOWALLA"] ?? "../shared/data/gowalla" }

    static func load() throws -> RecommendationDataset {
        guard FileManager.default.fileExists(atPath: directory + "/train.txt") else {
            throw BenchmarkDataMissing(path: directory)
        }
        return try RecommendationDataset.loadPaperFormat(directory: directory, name: "gowalla")
    }

    struct BenchmarkDataMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "Gowalla not found at \(path) (set BASELINES_GOWALLA)" }
    }

    /// Recall@k and NDCG@k as the LightGCN authors compute them (users with test items only).
    static func metrics(_ model: some Recommender, _ data: RecommendationDataset, k: Int = 20) -> (recall: Double, ndcg: Double) {
        let users = (0..<data.userCount).filter { data.test.itemsOfUser.count(ofRow: $0) > 0 }
        var recall = 0.0, ndcg = 0.0
        for start in stride(from: 0, to: users.count, by: 2048) {
            let batch = Array(users[start..<min(users.count, start + 2048)])
            for (user, list) in zip(batch, model.recommend(users: batch, k: k, excluding: data.train.itemsOfUser)) {
                let truth = data.test.itemsOfUser.count(ofRow: user)
                var hits = 0, dcg = 0.0, idcg = 0.0
                for (rank, entry) in list.enumerated() where data.test.contains(user: user, item: entry.item) {
                    hits += 1
                    dcg += 1 / log2(Double(rank) + 2)
                }
                for r in 0..<min(k, truth) { idcg += 1 / log2(Double(r) + 2) }
                recall += Double(hits) / Double(truth)
                ndcg += dcg / idcg
            }
        }
        return (recall / Double(users.count), ndcg / Double(users.count))
    }

    /// Peak resident memory of the process so far (`VmHWM`, Linux only).
    static var peakMemory: String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "VmHWM unavailable"
    }

    static func run<M: Recommender>(_ name: String, fit: (InteractionMatrix) throws -> M) throws {
        let data = try load()
        let clock = ContinuousClock()
        var model: M?
        let fitTime = try clock.measure { model = try fit(data.train) }
        var result = (recall: 0.0, ndcg: 0.0)
        let evalTime = clock.measure { result = metrics(model!, data) }
        print("\(name): fit \(fitTime), Recall@20 \(result.recall), NDCG@20 \(result.ndcg), evaluation \(evalTime); \(peakMemory)")
    }

    static func ease() throws { try Self.run("EASE") { try EASERecommender.fit(train: $0) } }
    static func itemKNN() throws { try Self.run("ItemKNN") { try ItemKNNRecommender.fit(train: $0) } }
    static func gfcf() throws { try Self.run("GF-CF") { try GFCFRecommender.fit(train: $0) } }
    static func implicitALS() throws { try Self.run("iALS") { try ImplicitALSRecommender.fit(train: $0) } }
}
