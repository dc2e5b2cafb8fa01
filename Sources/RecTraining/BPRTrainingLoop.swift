import Foundation
import RecData
import RecKernels
import RecModels

/// The epoch loop and the model selection shared by the BPR trainers (LightGCN and MF-BPR in
/// ``BPRTrainer``, ``LRGCCFTrainer``): a conforming trainer supplies one optimisation step, a
/// recommender of its current parameters and a way to save and restore them.
protocol BPRTrainingLoop: AnyObject {
    /// Epochs, batch size, evaluation schedule, patience and selection metric.
    var loopSettings: TrainingConfiguration { get }
    /// Epoch records so far.
    var history: [EpochRecord] { get set }
    /// Time by phase so far.
    var timings: StepTimings { get set }
    /// The triple sampler over the training interactions.
    var sampler: BPRSampler { get }
    /// The seeded source of every sampling decision.
    var generator: SeededGenerator { get set }
    /// One optimisation step on `triples[range]`: the batch's mean BPR term and its regularisation.
    func step(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double)
    /// The current parameters as a recommender (for evaluations).
    func currentRecommender() -> any Recommender
    /// Copies of the current parameters.
    func saveParameters() -> [Matrix<Float>]
    /// Puts back parameters from ``saveParameters()``.
    func restoreParameters(_ saved: [Matrix<Float>])
}

extension BPRTrainingLoop {
    /// The number of batches one epoch runs (the samplers draw as many triples per epoch as
    /// there are training interactions).
    var epochBatchCount: Int {
        let size = loopSettings.batchSize
        let all = (sampler.triplesPerEpoch + size - 1) / size
        return min(all, loopSettings.maxBatchesPerEpoch ?? all)
    }

    /// Samples one epoch's triples, then runs one step per batch; `progress(done, total)` after each.
    func runEpoch(progress: ((Int, Int) -> Void)?) -> EpochRecord {
        let start = Date()
        var clock = PhaseClock()
        let triples = sampler.sampleEpoch(using: &generator)
        timings.sampling += clock.lap()
        let size = loopSettings.batchSize
        let total = min((triples.count + size - 1) / size, loopSettings.maxBatchesPerEpoch ?? Int.max)
        var bprSum = 0.0, regSum = 0.0, tripleCount = 0
        for b in 0..<total {
            let range = (b * size)..<min(triples.count, (b + 1) * size)
            let (bpr, reg) = step(triples, range)
            bprSum += bpr * Double(range.count)
            regSum += reg
            tripleCount += range.count
            progress?(b + 1, total)
        }
        let record = EpochRecord(
            epoch: history.count + 1, bprLoss: tripleCount > 0 ? bprSum / Double(tripleCount) : 0,
            regularizationLoss: total > 0 ? regSum / Double(total) : 0, batches: total,
            seconds: Date().timeIntervalSince(start), metrics: [:], evaluationSeconds: 0)
        history.append(record)
        return record
    }

    /// Attaches evaluation results to the last epoch's record.
    func attachEvaluation(_ metrics: [String: Double], seconds: Double) {
        guard !history.isEmpty else { return }
        history[history.count - 1].metrics = metrics
        history[history.count - 1].evaluationSeconds = seconds
    }

    /// The body of every trainer's `fit` (documented on
    /// ``BPRTrainer/fit(evaluator:validation:trainSample:onBatch:onEpoch:)``).
    func runFit(evaluator: RankingEvaluator?, validation: RankingEvaluator?, trainSample: RankingEvaluator? = nil,
                onBatch: ((Int, Int, Int) -> Void)?, onEpoch: ((EpochRecord) -> Void)?) -> FitResult {
        let settings = loopSettings
        let epochs = settings.epochs
        let every = settings.evaluateEvery
        var best = -Double.infinity
        var bestEpoch = 0
        var bestMetrics: [String: Double] = [:]
        var bestParameters: [Matrix<Float>]?
        var evaluationsSinceBest = 0
        var stoppedEarly = false
        let start = Date()
        var lastEvaluationSeconds = 0.0
        for epoch in 1...max(epochs, 1) where epochs > 0 {
            let record = runEpoch { done, total in onBatch?(epoch, done, total) }
            // With a time budget, the epoch after which another epoch and its evaluation would
            // not fit is the last one (and is evaluated, so that the selection sees it).
            var outOfTime = false
            if let budget = settings.timeBudgetSeconds {
                outOfTime = Date().timeIntervalSince(start) + record.seconds + 2 * lastEvaluationSeconds > budget
            }
            if epoch == epochs || outOfTime || (every > 0 && epoch % every == 0),
               trainSample != nil || validation != nil || evaluator != nil {
                let current = currentRecommender()
                var trainMetrics: [String: Double] = [:], trainSeconds = 0.0
                if let trainSample {
                    let report = trainSample.evaluate(current)
                    trainMetrics = Dictionary(uniqueKeysWithValues: report.metrics.map { ("train/\($0.key)", $0.value) })
                    trainSeconds = report.seconds
                }
                if let validation {
                    let report = validation.evaluate(current)
                    attachEvaluation(Dictionary(uniqueKeysWithValues: report.metrics.map { ("validation/\($0.key)", $0.value) })
                                        .merging(trainMetrics) { a, _ in a },
                                     seconds: report.seconds + trainSeconds)
                    let value = report.metrics[settings.selectionMetric] ?? -Double.infinity
                    if value > best {
                        best = value
                        bestEpoch = epoch
                        bestMetrics = report.metrics
                        bestParameters = saveParameters()
                        evaluationsSinceBest = 0
                    } else {
                        evaluationsSinceBest += 1
                    }
                } else if let evaluator {
                    let report = evaluator.evaluate(current)
                    attachEvaluation(report.metrics.merging(trainMetrics) { a, _ in a }, seconds: report.seconds + trainSeconds)
                } else if trainSample != nil {
                    attachEvaluation(trainMetrics, seconds: trainSeconds)
                }
            }
            lastEvaluationSeconds = max(lastEvaluationSeconds, history[history.count - 1].evaluationSeconds)
            onEpoch?(history[history.count - 1])
            if let patience = settings.patience, validation != nil, evaluationsSinceBest >= patience {
                stoppedEarly = epoch < epochs
                break
            }
            if outOfTime {
                stoppedEarly = epoch < epochs
                break
            }
        }
        if let bestParameters {
            restoreParameters(bestParameters)
            return FitResult(selectedEpoch: bestEpoch, validationMetrics: bestMetrics, stoppedEarly: stoppedEarly)
        }
        return FitResult(selectedEpoch: history.count, validationMetrics: [:], stoppedEarly: false)
    }
}
