import Foundation
import RecData
import Testing
@testable import RecTraining

@Suite("Learning-rate schedule")
struct LearningRateScheduleTests {
    @Test("cosine decay: the full rate at epoch 1, half at the middle, zero after the horizon; constant without one")
    func cosineValues() {
        var c = TrainingConfiguration()
        c.learningRate = 0.008
        #expect(c.learningRate(atEpoch: 1) == 0.008 && c.learningRate(atEpoch: 500) == 0.008)
        c.cosineDecayEpochs = 10
        #expect(c.learningRate(atEpoch: 1) == 0.008)
        #expect(abs(c.learningRate(atEpoch: 6) - 0.004) < 1e-15)
        #expect(abs(c.learningRate(atEpoch: 3) - 0.008 * 0.5 * (1 + cos(Double.pi * 0.2))) < 1e-15)
        #expect(c.learningRate(atEpoch: 11) < 1e-15 && c.learningRate(atEpoch: 40) < 1e-15)
        let rates = (1...11).map { c.learningRate(atEpoch: $0) }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
        c.cosineDecayEpochs = 0
        #expect(throws: ConfigurationError.self) { try c.validate() }
    }

    @Test("the trainer steps at each epoch's rate, and a configuration with a horizon survives encoding")
    func trainerUsesScheduledRate() throws {
        var c = TrainingConfiguration()
        c.layers = 1
        c.dimension = 8
        c.batchSize = 128
        c.learningRate = 0.01
        c.cosineDecayEpochs = 4
        let trainer = try BPRTrainer(train: SyntheticDataset.generate(userCount: 60, itemCount: 40, seed: 2).train, configuration: c)
        trainer.trainEpoch()
        #expect(trainer.optimizer.learningRate == Float(0.01))
        trainer.trainEpoch()
        #expect(trainer.optimizer.learningRate == Float(0.01 * 0.5 * (1 + cos(Double.pi / 4))))
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(c))
        #expect(decoded == c && decoded.cosineDecayEpochs == 4)
    }
}
