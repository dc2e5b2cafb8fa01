import Foundation
import RecData
import RecModels
import RecReports
import RecTraining

/// `evaluate --protocol forward-chaining`: reads the folds, runs the library's
/// ``ForwardChainingStudy`` (a new LightGCN and a popularity model per test year) and prints its tables.
struct ForwardChainingRun {
    let directory: String
    let configuration: TrainingConfiguration
    let console: ConsoleOptions
    /// Where to write the HTML report of the per-year results, if anywhere.
    var report: String?

    func run() throws {
        let progress = console.progress()
        progress.update("reading the folds in \(directory)…")
        let folds = try ForwardChainingFoldReader.readFolds(directory: directory)
        progress.finish("read \(folds.count) folds (test years \(folds.map { String($0.year) }.joined(separator: ", ")))")
        let study = ForwardChainingStudy(configuration: configuration)
        let evaluation = study.evaluation
        let epochs = configuration.epochs
        let results = try study.run(folds) { event in
            switch event {
            case .fitting(let year, let rows):
                progress.finish("\(year): fitting LightGCN on \(rows) training rows (\(epochs) epochs)")
            case .batch(let year, let epoch, let done, let total):
                progress.update("\(year): epoch \(epoch)/\(epochs)  batch \(done)/\(total)")
            case .evaluating(let year, let rows):
                progress.update("\(year): evaluating \(rows) test rows…")
            }
        }
        progress.finish("all folds evaluated")
        if let report {
            let charted = evaluation.ks.map { "HitRate@\($0)" } + evaluation.ks.map { "Recall@\($0)" } + ["MRR"]
            try RunReports.forwardChaining(results, directory: directory, configuration: configuration, charted: charted)
                .write(to: report)
            console.note("report written to \(report)")
        }
        if try console.emitJSON(results) { return }
        let print = console.result  // the tables are the result: standard output, or standard error with --json
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
