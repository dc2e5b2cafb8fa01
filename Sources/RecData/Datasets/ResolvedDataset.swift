/// A dataset loaded by `DatasetLocator`, with what was done to it on the way.
public struct ResolvedDataset: Sendable {
    /// Where it was found.
    public let location: DatasetLocation
    /// The dataset (train, validation, test; catalog when ids are known).
    public let dataset: RecommendationDataset
    /// The log of positives the split was made from (nil for published splits).
    public let log: InteractionLog?
    /// Below-threshold ratings in the dataset's id space (nil without a threshold).
    public let knownNegatives: InteractionMatrix?
    /// The k-core report, when k-core filtering was applied.
    public let kCoreReport: KCoreReport?
    /// Warnings of the loaders (repeated pairs, missing attribute rows, …).
    public let warnings: [DataWarning]
    /// What was done, one sentence each (threshold, filtering, split), for the command's output.
    public let notes: [String]
}
