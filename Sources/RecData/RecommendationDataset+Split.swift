extension RecommendationDataset {
    /// The dataset of `split`, a split of `log`, with the log's catalog (ids, titles,
    /// attributes). `name` defaults to the log's name.
    public init(log: InteractionLog, split: DataSplit, name: String? = nil) {
        precondition(split.parts.count == log.count && split.train.userCount == log.userCount
                     && split.train.itemCount == log.itemCount, "the split is not a split of this log")
        self.init(name: name ?? log.name, train: split.train, test: split.test, validation: split.validation,
                  catalog: log.catalog)
    }
}
