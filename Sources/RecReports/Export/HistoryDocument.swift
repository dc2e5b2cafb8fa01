import RecTraining

/// The JSON history file of a training run: every epoch, the selected epoch, the test metrics
/// and the facts that identify the run.
///
///     {
///       "dataset" : "ml-100k",
///       "epochs" : [
///         { "batches" : 28, "bprLoss" : 0.69, "epoch" : 1, "evaluationSeconds" : 0,
///           "loss" : 0.69, "metrics" : { }, "regularizationLoss" : 2.1e-05, "seconds" : 0.41 },
///         …
///       ],
///       "selectedEpoch" : 24,
///       "software" : "0.1.0",
///       "splitFingerprint" : "…",
///       "testMetrics" : { "Recall@20" : 0.21, … }
///     }
///
/// `loss` is `bprLoss + regularizationLoss`; `metrics` use the `MetricKey` convention
/// ("validation/Recall@20", "train/Recall@20", plain keys for the test set watched under the
/// published protocol). Absent facts are left out. After a refit on training + validation
/// interactions (`TrainingConfiguration.refit`), `refitEpochs` lists the refit's epochs (no
/// metrics: it is not evaluated until the test set, once); `testMetrics` are the refitted model's.
public struct HistoryDocument: Codable, Sendable, Equatable {
    /// The dataset's name.
    public var dataset: String?
    /// `RecommendationDataset.splitFingerprint` of the data.
    public var splitFingerprint: String?
    /// The software version that trained the model.
    public var software: String?
    /// The epoch whose model was kept (best on validation, or the last).
    public var selectedEpoch: Int?
    /// Test metrics of the kept epoch.
    public var testMetrics: [String: Double]?
    /// One object per epoch.
    public var epochs: [ExportedEpoch]
    /// The epochs of the refit whose model was kept, if there was one.
    public var refitEpochs: [ExportedEpoch]?

    /// A document of `history` and the run's facts.
    public init(history: [EpochRecord], selectedEpoch: Int? = nil, testMetrics: [String: Double]? = nil,
                dataset: String? = nil, splitFingerprint: String? = nil, software: String? = nil,
                refitHistory: [EpochRecord]? = nil) {
        self.epochs = history.map(ExportedEpoch.init)
        self.refitEpochs = refitHistory?.map(ExportedEpoch.init)
        self.selectedEpoch = selectedEpoch
        self.testMetrics = testMetrics
        self.dataset = dataset
        self.splitFingerprint = splitFingerprint
        self.software = software
    }

    /// The epochs as training records.
    public var history: [EpochRecord] { epochs.map(\.record) }
}

/// One epoch in the JSON history: the `EpochRecord` fields under their Codable names, plus the
/// total loss.
public struct ExportedEpoch: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// BPR + regularisation.
    public var loss: Double
    /// Mean BPR term.
    public var bprLoss: Double
    /// Mean regularisation term.
    public var regularizationLoss: Double
    /// Batches run.
    public var batches: Int
    /// Training seconds (evaluation excluded).
    public var seconds: Double
    /// Metrics of the evaluation after this epoch (empty when none ran).
    public var metrics: [String: Double]
    /// Seconds the evaluation took.
    public var evaluationSeconds: Double

    /// The training record of this epoch.
    public var record: EpochRecord {
        EpochRecord(epoch: epoch, bprLoss: bprLoss, regularizationLoss: regularizationLoss, batches: batches,
                    seconds: seconds, metrics: metrics, evaluationSeconds: evaluationSeconds)
    }

    /// The exported form of `record`.
    public init(_ record: EpochRecord) {
        epoch = record.epoch
        loss = record.loss
        bprLoss = record.bprLoss
        regularizationLoss = record.regularizationLoss
        batches = record.batches
        seconds = record.seconds
        metrics = record.metrics
        evaluationSeconds = record.evaluationSeconds
    }
}
