import Foundation
import RecData
import RecModels
import RecTraining

/// `evaluate --protocol forward-chaining`: a new LightGCN and a popularity model per test year.
struct ForwardChainingRun {
    let directory: String
    let configuration: TrainingConfiguration
    let json: Bool
    let quiet: Bool

    func run() throws {
        let folds = try ForwardChainingFoldReader.readFolds(directory: directory)
        let evaluation = ForwardChainingEvaluation()
        var results: [String: [ForwardChainingYearResult]] = ["lightgcn": [], "popularity": []]
        let progress = ProgressLine(quiet: quiet)
        for fold in folds {
            progress.finish("\(fold.year): fitting LightGCN on \(fold.train.count) training rows (\(configuration.epochs) epochs)")
            results["lightgcn"]!.append(try evaluation.evaluate(fold) { train in
                let trainer = try BPRTrainer(train: train, configuration: configuration)
                trainer.fit(evaluator: nil)
                return trainer.recommender()
            })
            results["popularity"]!.append(evaluation.evaluate(fold) { train in
                PopularityRecommender(itemPopularity: train.itemPopularity, userCount: train.userCount)
            })
        }
        if json {
            try printJSON(results)
            return
        }
        let ks = evaluation.ks
        let columns = ["cases"] + ks.map { "HR@\($0)" } + ks.map { "R@\($0)" } + ["MRR", "fit s", "ms/user"]
        print("LightGCN per fold: \(configuration.epochs) epochs of sampled BPR, \(configuration.layers) layers, dim \(configuration.dimension); "
              + "ms/user = mean time to rank all training items for a test user present in training")
        print("Forward chaining over \(directory): micro-averages over (user, item) cases; HR on normalised ranks, R on raw ranks")
        print(pad("year", 6) + pad("model", 12) + columns.map { pad($0, 9, left: true) }.joined())
        for (index, fold) in folds.enumerated() {
            for name in ["lightgcn", "popularity"] {
                let r = results[name]![index]
                let values = [String(r.cases)]
                    + ks.map { String(format: "%.4f", r.metrics["HitRate@\($0)"] ?? 0) }
                    + ks.map { String(format: "%.4f", r.metrics["Recall@\($0)"] ?? 0) }
                    + [String(format: "%.4f", r.metrics["MRR"] ?? 0), String(format: "%.2f", r.fitSeconds),
                       String(format: "%.3f", r.meanRecommendMilliseconds)]
                print(pad(String(fold.year), 6) + pad(name, 12) + values.map { pad($0, 9, left: true) }.joined())
            }
        }
        print("\nPer-user averages (|top-K ∩ test_u| / |test_u|, mean over test users; cold users get the popularity ranking):")
        let userColumns = ["users", "cold"] + ks.map { "Recall@\($0)" }
        print(pad("year", 6) + pad("model", 12) + userColumns.map { pad($0, 11, left: true) }.joined())
        for (index, fold) in folds.enumerated() {
            for name in ["lightgcn", "popularity"] {
                let r = results[name]![index]
                let values = [String(r.testUsers), String(r.coldUsers)]
                    + ks.map { String(format: "%.4f", r.metrics["UserRecall@\($0)"] ?? 0) }
                print(pad(String(fold.year), 6) + pad(name, 12) + values.map { pad($0, 11, left: true) }.joined())
            }
        }
    }
}
