import RecData
import RecModels
import RecTraining
import Testing

/// On ratings with planted low-rank structure, the factor models must beat the predictors
/// that have no interaction term: the global mean and the (closed-form) biases.
@Suite struct PlantedRatingsQualityTests {
    @Test(arguments: [0, 2])
    func factorModelBeatsMeanAndBiases(layers: Int) throws {
        let split = try PlantedRatings.split()
        let validation = try #require(split.validation)
        let test = RatingEvaluator(heldOut: split.test)
        let mean = test.evaluate(GlobalMeanRatingPredictor(train: split.train))
        let biases = test.evaluate(BiasRatingPredictor(train: split.train))
        let trainer = try RatingTrainer(train: split.train, configuration: PlantedRatings.configuration(layers: layers))
        trainer.fit(validation: validation)
        let model = test.evaluate(trainer.predictor())
        #expect(biases.rmse < mean.rmse)
        // A clear margin: the interaction term carries most of the planted signal.
        #expect(model.rmse < biases.rmse - 0.1, "RMSE mean \(mean.rmse), biases \(biases.rmse), model \(model.rmse)")
        #expect(model.mae < biases.mae)
    }
}
