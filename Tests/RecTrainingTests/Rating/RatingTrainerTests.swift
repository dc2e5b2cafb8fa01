import RecData
import RecModels
import RecTraining
import Testing

@Suite struct RatingTrainerTests {
    @Test(arguments: [0, 2])
    func trainingLowersTheTrainingMSE(layers: Int) throws {
        let split = try PlantedRatings.split()
        var configuration = PlantedRatings.configuration(layers: layers)
        configuration.epochs = 20
        let trainer = try RatingTrainer(train: split.train, configuration: configuration)
        let onTrain = RatingEvaluator(heldOut: split.train, ratingRange: nil)
        let before = onTrain.evaluate(trainer.predictor()).rmse
        trainer.fit()
        let after = onTrain.evaluate(trainer.predictor()).rmse
        // Before training r̂ ≈ μ, so the MSE is about the variance of the ratings.
        #expect(after * after < 0.5 * before * before, "training MSE \(before * before) → \(after * after)")
        #expect(trainer.history.count == 20)
        #expect(trainer.history.last!.squaredError < trainer.history.first!.squaredError)
    }

    @Test func trainingIsReproducibleFromTheSeed() throws {
        let split = try PlantedRatings.split()
        var configuration = PlantedRatings.configuration(layers: 1)
        configuration.epochs = 2
        func parameters(seed: UInt64) throws -> [Float] {
            configuration.seed = seed
            let trainer = try RatingTrainer(train: split.train, configuration: configuration)
            trainer.fit()
            return trainer.model.embedding.values + trainer.model.userBias.values + trainer.model.itemBias.values
        }
        #expect(try parameters(seed: 3) == parameters(seed: 3))
        #expect(try parameters(seed: 3) != parameters(seed: 4))
    }

    /// Early stopping keeps the best validation epoch: the restored model scores exactly the
    /// selected epoch's RMSE, the lowest of the run.
    @Test func earlyStoppingRestoresTheBestValidationEpoch() throws {
        let split = try PlantedRatings.split()
        var configuration = PlantedRatings.configuration(layers: 0)
        configuration.lambda = 0  // overfits quickly, so validation RMSE turns up
        configuration.biasLambda = 0
        configuration.learningRate = 0.03
        configuration.patience = 3
        let validation = try #require(split.validation)
        let trainer = try RatingTrainer(train: split.train, configuration: configuration)
        let result = trainer.fit(validation: validation)
        let rmses = trainer.history.map { $0.validation!.rmse }
        #expect(result.stoppedEarly)
        #expect(trainer.history.count == result.selectedEpoch + 3)
        #expect(result.validation?.rmse == rmses.min())
        #expect(RatingEvaluator(heldOut: validation).evaluate(trainer.predictor()) == result.validation)
    }

    @Test func invalidSettingsAndEmptyTrainingAreRejected() {
        let train = RatingSet(userCount: 1, itemCount: 1, users: [0], items: [0], ratings: [4])
        var configuration = RatingTrainingConfiguration()
        configuration.learningRate = 0
        #expect(throws: ConfigurationError.self) { try RatingTrainer(train: train, configuration: configuration) }
        let empty = RatingSet(userCount: 1, itemCount: 1, users: [], items: [], ratings: [])
        #expect(throws: ConfigurationError.self) { try RatingTrainer(train: empty) }
        let mf = RatingTrainingConfiguration.matrixFactorization
        #expect(mf.layers == 0 && mf.lambda == 0.1 && RatingTrainingConfiguration().layers == 3)
    }
}
