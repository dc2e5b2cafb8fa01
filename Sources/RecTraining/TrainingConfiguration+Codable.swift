import RecModels
extension TrainingConfiguration {
    enum CodingKeys: String, CodingKey {
        case layers, dimension, epochs, batchSize, learningRate, lambda, seed, evaluateEvery, ks, sampling
        case regularization, initialization, maxBatchesPerEpoch, patience, selectionMetric, timeBudgetSeconds
        case spectralExponent, spectralScale, negativeCandidates, refit, cosineDecayEpochs
        case loss, negatives, uniformNegatives, temperature, negativeTemperature, uniformityWeight, score
    }

    /// Decodes a configuration; a setting missing from the data (written before the setting
    /// existed) takes its default, so saved models stay readable as settings are added.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        layers = try c.decodeIfPresent(Int.self, forKey: .layers) ?? layers
        dimension = try c.decodeIfPresent(Int.self, forKey: .dimension) ?? dimension
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? epochs
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? batchSize
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? learningRate
        lambda = try c.decodeIfPresent(Double.self, forKey: .lambda) ?? lambda
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
        evaluateEvery = try c.decodeIfPresent(Int.self, forKey: .evaluateEvery) ?? evaluateEvery
        ks = try c.decodeIfPresent([Int].self, forKey: .ks) ?? ks
        sampling = try c.decodeIfPresent(Sampling.self, forKey: .sampling) ?? sampling
        regularization = try c.decodeIfPresent(Regularization.self, forKey: .regularization) ?? regularization
        initialization = try c.decodeIfPresent(Initialization.self, forKey: .initialization) ?? initialization
        maxBatchesPerEpoch = try c.decodeIfPresent(Int.self, forKey: .maxBatchesPerEpoch)
        patience = try c.decodeIfPresent(Int.self, forKey: .patience)
        selectionMetric = try c.decodeIfPresent(String.self, forKey: .selectionMetric) ?? selectionMetric
        timeBudgetSeconds = try c.decodeIfPresent(Double.self, forKey: .timeBudgetSeconds)
        spectralExponent = try c.decodeIfPresent(Double.self, forKey: .spectralExponent) ?? spectralExponent
        spectralScale = try c.decodeIfPresent(Double.self, forKey: .spectralScale) ?? spectralScale
        negativeCandidates = try c.decodeIfPresent(Int.self, forKey: .negativeCandidates) ?? negativeCandidates
        refit = try c.decodeIfPresent(Bool.self, forKey: .refit) ?? refit
        cosineDecayEpochs = try c.decodeIfPresent(Int.self, forKey: .cosineDecayEpochs)
        loss = try c.decodeIfPresent(TrainingLoss.self, forKey: .loss) ?? loss
        negatives = try c.decodeIfPresent(NegativeSource.self, forKey: .negatives) ?? negatives
        uniformNegatives = try c.decodeIfPresent(Int.self, forKey: .uniformNegatives) ?? uniformNegatives
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? temperature
        negativeTemperature = try c.decodeIfPresent(Double.self, forKey: .negativeTemperature)
        uniformityWeight = try c.decodeIfPresent(Double.self, forKey: .uniformityWeight) ?? uniformityWeight
        score = try c.decodeIfPresent(ScoreFunction.self, forKey: .score) ?? score
    }
}
