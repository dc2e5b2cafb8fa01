extension ResolvedDataset {
    /// A resolved dataset from its parts, for loaders outside this module (the event store's
    /// snapshot in `lightgcn train --data sqlite:…`).
    public init(
        _ location: DatasetLocation, dataset: RecommendationDataset, log: InteractionLog?,
        knownNegatives: InteractionMatrix?, kCoreReport: KCoreReport?, warnings: [DataWarning], notes: [String]
    ) {
        self.init(location: location, dataset: dataset, log: log, knownNegatives: knownNegatives,
                  kCoreReport: kCoreReport, warnings: warnings, notes: notes)
    }
}
