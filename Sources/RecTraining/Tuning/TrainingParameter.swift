import RecModels
/// A training option a search may vary, by `train`'s option name, and how a value of it
/// (given as text) is applied to a ``TrainingConfiguration``.
public enum TrainingParameter: String, Sendable, CaseIterable, Codable {
    case lr, lambda, temperature, negativeTemperature = "negative-temperature", uniformityWeight = "uniformity-weight"
    case uniformNegatives = "uniform-negatives", batchSize = "batch-size", epochs, layers, dim
    case cosineDecayEpochs = "cosine-decay-epochs", negativeCandidates = "negative-candidates"
    case spectralExponent = "spectral-exponent", spectralScale = "spectral-scale"
    case loss, negatives, score

    /// Whether the values are whole numbers.
    public var isInteger: Bool {
        switch self {
        case .uniformNegatives, .batchSize, .epochs, .layers, .dim, .cosineDecayEpochs, .negativeCandidates: true
        default: false
        }
    }

    /// Whether the values are names (``TrainingLoss``, ``NegativeSource``, ``ScoreFunction``).
    public var isCategorical: Bool { self == .loss || self == .negatives || self == .score }

    /// A number as this option's text: integers without a fraction, others with six significant digits.
    public func format(_ value: Double) -> String {
        isInteger ? String(Int(value.rounded())) : String(Double(String(format: "%.6g", value)) ?? value)
    }

    /// Sets this option of `configuration` to `text`.
    public func apply(_ text: String, to configuration: inout TrainingConfiguration) throws(ConfigurationError) {
        func number() throws(ConfigurationError) -> Double {
            guard let value = Double(text), value.isFinite else { throw .invalid("\(rawValue): '\(text)' is not a number") }
            return value
        }
        func integer() throws(ConfigurationError) -> Int {
            guard let value = Int(text) else { throw .invalid("\(rawValue): '\(text)' is not a whole number") }
            return value
        }
        switch self {
        case .lr: configuration.learningRate = try number()
        case .lambda: configuration.lambda = try number()
        case .temperature: configuration.temperature = try number()
        case .negativeTemperature: configuration.negativeTemperature = try number()
        case .uniformityWeight: configuration.uniformityWeight = try number()
        case .uniformNegatives: configuration.uniformNegatives = try integer()
        case .batchSize: configuration.batchSize = try integer()
        case .epochs: configuration.epochs = try integer()
        case .layers: configuration.layers = try integer()
        case .dim: configuration.dimension = try integer()
        case .cosineDecayEpochs: configuration.cosineDecayEpochs = try integer()
        case .negativeCandidates: configuration.negativeCandidates = try integer()
        case .spectralExponent: configuration.spectralExponent = try number()
        case .spectralScale: configuration.spectralScale = try number()
        case .loss:
            guard let loss = TrainingLoss(rawValue: text) else {
                throw .invalid("loss: unknown objective '\(text)'; known: \(TrainingLoss.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration = configuration.training(with: loss)  // the other objectives' options go back to defaults
        case .negatives:
            guard let source = NegativeSource(rawValue: text) else {
                throw .invalid("negatives: unknown source '\(text)'; known: \(NegativeSource.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.negatives = source
        case .score:
            guard let score = ScoreFunction(rawValue: text) else {
                throw .invalid("score: unknown score '\(text)'; known: \(ScoreFunction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.score = score
        }
    }

    /// Checks that `text` is a value of this option (in `part` of a search space).
    func check(_ text: String, part: String) throws(ConfigurationError) {
        var probe = TrainingConfiguration()
        do { try apply(text, to: &probe) } catch { throw .invalid("--space: '\(part)': \(error.description)") }
    }
}
