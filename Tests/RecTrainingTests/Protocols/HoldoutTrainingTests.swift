import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// The holdout protocol as a library call: select on validation, refit, the test set once.
@Suite("Holdout training protocol")
struct HoldoutTrainingTests {
    static func dataset() throws -> RecommendationDataset {
        var generator = SeededGenerator(seed: 4)
        return try SyntheticDataset.generate(userCount: 150, itemCount: 100, communities: 4, interactionsPerUser: 6...12, seed: 5)
            .carvingValidation(fraction: 0.1, using: &generator)
    }

    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dimension = 16
        c.layers = 2
        c.batchSize = 256
        c.epochs = 4
        c.evaluateEvery = 1
        c.learningRate = 0.02
        c.ks = [10]
        return c
    }

    /// The names of the events of a run, in order (batches left out).
    static func names(_ events: [HoldoutTrainingEvent]) -> [String] {
        events.compactMap { event in
            switch event {
            case .batch: nil
            case .epoch(.selection, _): "epoch"
            case .epoch(.refit, _): "refit epoch"
            case .selected: "selected"
            case .refitStarted: "refit"
            case .refitFinished: "refit done"
            case .refitSkipped: "refit skipped"
            case .refitNeedsValidation: "refit needs validation"
            case .testStarted: "test"
            case .testFinished: "test done"
            case .trainSample: "train sample"
            case .testWatchedWithoutValidation: "test watched"
            }
        }
    }

    @Test("with a validation split: the epoch is selected on it, the refit trains on train + validation, the test set is ranked once")
    func selectionRefitTest() throws {
        let dataset = try Self.dataset()
        var c = Self.configuration()
        c.refit = true
        var events: [HoldoutTrainingEvent] = []
        let outcome = try HoldoutTraining(dataset: dataset, configuration: c).run { events.append($0) }
        let selected = outcome.fit.selectedEpoch
        #expect(Self.names(events) == Array(repeating: "epoch", count: outcome.trainer.history.count) + ["selected", "refit"]
                + Array(repeating: "refit epoch", count: selected) + ["refit done", "test", "test done"])
        let refit = try #require(outcome.refit as? BPRTrainer)
        #expect(refit.train == dataset.knownBeforeTest && refit.history.count == selected)
        #expect(refit.history.allSatisfy { $0.metrics.isEmpty })  // the refit is never evaluated
        // The selection run saw validation metrics only (the test set is not evaluated during it).
        let keys = Set(outcome.trainer.history.flatMap(\.metrics.keys))
        #expect(!keys.isEmpty && keys.allSatisfy { $0.hasPrefix("validation/") }, "\(keys)")
        // The test report is the refit model's, on the test set with validation items known.
        let expected = RankingEvaluator(known: dataset.knownBeforeTest, heldOut: dataset.test, ks: [10]).evaluate(refit.recommender())
        #expect(outcome.test?.metrics == expected.metrics)
        #expect(outcome.kept === refit)
    }

    @Test("without a validation split the test set is watched and the last epoch kept; a refit is refused with an event")
    func withoutValidation() throws {
        let dataset = SyntheticDataset.generate(userCount: 150, itemCount: 100, communities: 4, interactionsPerUser: 6...12, seed: 5)
        var c = Self.configuration()
        c.refit = true
        var events: [HoldoutTrainingEvent] = []
        let outcome = try HoldoutTraining(dataset: dataset, configuration: c).run { events.append($0) }
        #expect(Self.names(events) == ["test watched"] + Array(repeating: "epoch", count: 4) + ["refit needs validation"])
        #expect(outcome.refit == nil && outcome.fit.selectedEpoch == 4)
        #expect(outcome.test?.metrics == outcome.trainer.history.last?.metrics)
    }

    @Test("a refit that the time budget cannot hold is skipped and the selected model kept")
    func budgetSkipsRefit() throws {
        let dataset = try Self.dataset()
        var c = Self.configuration()
        c.refit = true
        c.timeBudgetSeconds = 1e-6
        var events: [HoldoutTrainingEvent] = []
        let outcome = try HoldoutTraining(dataset: dataset, configuration: c).run { events.append($0) }
        #expect(Self.names(events).contains("refit skipped") && !Self.names(events).contains("refit"))
        #expect(outcome.refit == nil && outcome.kept === outcome.trainer)
    }
}
