import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// `lightgcn demo`: the whole pipeline on a generated dataset in well under a minute.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Train LightGCN on a generated dataset with planted communities; compare it with popularity.",
        discussion: """
            Exit codes: 0 success; 1 a runtime error; 64 a usage error (unknown option, invalid value).
            """)

    @Option(help: "Users of the generated dataset.") var users = 2000
    @Option(help: "Items of the generated dataset.") var items = 1500
    @Option(name: .customLong("data-seed"), help: "Seed of the generated dataset.") var dataSeed: UInt64 = 42
    @Option(name: .customLong("validation-fraction"), help: "Share of each user's training items held out to select the epoch (0: none, the test set is watched).")
    var validationFraction = 0.1
    @OptionGroup var training: TrainingOptions
    @OptionGroup var trainMetrics: TrainMetricsOptions
    @OptionGroup(title: "Output") var console: ConsoleOptions

    /// Settings that train the small generated set well in seconds: the authors' model with
    /// fewer epochs, smaller batches and a larger learning rate.
    static var defaults: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.epochs = 20
        c.batchSize = 1024
        c.learningRate = 0.005
        return c
    }

    func run() throws {
        var dataset = SyntheticDataset.generate(userCount: users, itemCount: items, seed: dataSeed)
        if validationFraction > 0 {
            var generator = SeededGenerator(seed: dataSeed)
            do {
                dataset = try dataset.carvingValidation(fraction: validationFraction, using: &generator)
            } catch let error as DataError {
                throw ValidationError(error.description)
            }
        }
        let configuration = try training.configuration(defaults: Self.defaults)
        console.note(dataset.summary)
        let trainer = try TrainingRun(dataset: dataset, configuration: configuration,
                                      trainMetricsUsers: trainMetrics.sampleSize,
                                      console: console).run().kept
        let evaluator = RankingEvaluator(known: dataset.knownBeforeTest, heldOut: dataset.test, ks: configuration.ks)
        let progress = console.progress()
        progress.update("evaluating LightGCN and popularity on the test set…")
        let lightgcn = evaluator.evaluate(trainer.recommender())
        let popularity = evaluator.evaluate(PopularityRecommender(itemPopularity: dataset.train.itemPopularity,
                                                                  userCount: dataset.userCount))
        progress.finish("test set evaluated in \(formatDuration(lightgcn.seconds + popularity.seconds))")
        let sampleUsers = [0, 1, 2]
        let recommendations = trainer.recommender().recommend(users: sampleUsers, k: 5, excluding: dataset.knownBeforeTest.itemsOfUser)
        if console.json {
            try printJSON(DemoOutput(lightgcn: lightgcn.metrics, popularity: popularity.metrics,
                                     recommendations: zip(sampleUsers, recommendations).map { user, items in
                                         RecommendationOutput(user: String(user), items: items.map {
                                             RecommendedItem(item: String($0.item), title: nil, score: Double($0.score))
                                         })
                                     }))
            return
        }
        print("\nFull-ranking metrics on \(lightgcn.userCount) test users (training and validation items excluded):")
        let names = ["Recall", "NDCG", "Precision", "HitRate"]
        for k in configuration.ks {
            print("  " + pad("model", 11) + names.map { pad("\($0)@\(k)", 13, left: true) }.joined())
            for (label, report) in [("LightGCN", lightgcn), ("Popularity", popularity)] {
                print("  " + pad(label, 11) + names.map { String(format: "%13.4f", report.metrics["\($0)@\(k)"] ?? .nan) }.joined())
            }
        }
        print("\nRecommendations (items the user already has are excluded):")
        for (user, list) in zip(sampleUsers, recommendations) {
            print("  user \(user): " + list.map { String(format: "%d (%.3f)", $0.item, $0.score) }.joined(separator: ", "))
        }
    }
}

/// The JSON of `demo --json`.
struct DemoOutput: Encodable {
    var lightgcn: [String: Double]
    var popularity: [String: Double]
    var recommendations: [RecommendationOutput]
}

/// `text` padded with spaces to `width` (on the left when `left`).
func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return left ? fill + text : text + fill
}
