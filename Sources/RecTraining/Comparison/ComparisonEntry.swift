import Foundation

/// One model's row of a comparison: what was fitted, on which split, and what it measured —
/// or why it failed. Saved as JSON per model and run (`ComparisonStore`) so that a table can
/// be rebuilt, or extended with one more model, without refitting the others.
public struct ComparisonEntry: Codable, Sendable, Equatable {
    /// Whether the model was fitted and evaluated.
    public enum Status: String, Codable, Sendable {
        case ok
        case failed
    }

    /// The model's name in the table (`lightgcn`, `ease`, …).
    public var model: String
    /// The model's settings, one line (`λ = 100`, `3 layers, dim 64, lr 0.001, …`); part of the
    /// key under which a result is reused.
    public var settings: String
    /// The dataset's name.
    public var dataset: String
    /// The evaluation protocol (`holdout`, `paper`, `forward-chaining`).
    public var evaluationProtocol: String
    /// `RecommendationDataset.splitFingerprint` of the split (or of every fold, joined).
    public var splitFingerprint: String
    /// `ok`, or `failed` with `error` set.
    public var status: Status
    /// Why the model failed (nil when it did not).
    public var error: String?
    /// Test metrics keyed like "Recall@20".
    public var metrics: [String: Double]
    /// Users (or, for forward chaining, cases) the metrics average over.
    public var evaluatedCount: Int
    /// Wall seconds to fit the model (training, selection included).
    public var fitSeconds: Double
    /// Mean milliseconds of one single-user recommendation request.
    public var latencyMeanMilliseconds: Double
    /// 95th percentile of the same.
    public var latencyP95Milliseconds: Double
    /// The epoch selected on validation, for models trained by epochs.
    public var selectedEpoch: Int?
    /// When the result was produced (ISO 8601).
    public var date: String
    /// The software version that produced it.
    public var software: String

    /// An entry from its parts.
    public init(
        model: String, settings: String, dataset: String, evaluationProtocol: String, splitFingerprint: String,
        status: Status, error: String? = nil, metrics: [String: Double] = [:], evaluatedCount: Int = 0,
        fitSeconds: Double = 0, latencyMeanMilliseconds: Double = 0, latencyP95Milliseconds: Double = 0,
        selectedEpoch: Int? = nil, date: String = ISO8601DateFormatter().string(from: Date()),
        software: String = softwareVersion
    ) {
        self.model = model
        self.settings = settings
        self.dataset = dataset
        self.evaluationProtocol = evaluationProtocol
        self.splitFingerprint = splitFingerprint
        self.status = status
        self.error = error
        self.metrics = metrics
        self.evaluatedCount = evaluatedCount
        self.fitSeconds = fitSeconds
        self.latencyMeanMilliseconds = latencyMeanMilliseconds
        self.latencyP95Milliseconds = latencyP95Milliseconds
        self.selectedEpoch = selectedEpoch
        self.date = date
        self.software = software
    }

    /// Whether this saved result answers a request for `model` with `settings` on this split
    /// and protocol (failed results are never reused).
    public func matches(model: String, settings: String, evaluationProtocol: String, splitFingerprint: String) -> Bool {
        status == .ok && self.model == model && self.settings == settings
            && self.evaluationProtocol == evaluationProtocol && self.splitFingerprint == splitFingerprint
    }
}
