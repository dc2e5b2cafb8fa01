import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// A small planted dataset with item attributes, and a model of each kind fitted on it with
/// settings small enough for a test (a few epochs, low ranks).
enum ConformanceFixture {
    /// 60 users, 40 items in 4 communities; every item has a `genres` set (from A, B, C, D) and a
    /// numeric `year`.
    static let dataset: RecommendationDataset = {
        let generated = SyntheticDataset.generate(userCount: 60, itemCount: 40, communities: 4, interactionsPerUser: 6...14,
                                                  testFraction: 0.25, seed: 11)
        let genres = AttributeColumn.multiCategorical(
            name: "genres", labels: (0..<40).map { item in [["A", "B", "C", "D"][item % 4]] + (item % 5 == 0 ? ["D"] : []) },
            categories: ["A", "B", "C", "D"])
        let years = AttributeColumn(name: "year", values: .numeric((0..<40).map { Double(1980 + $0) }))
        let itemIDs = Vocabulary((0..<40).map { "m\($0)" })
        let catalog = DatasetCatalog(users: Vocabulary((0..<60).map { "u\($0)" }), items: itemIDs,
                                     itemTitles: (0..<40).map { "Movie \($0)" },
                                     itemAttributes: AttributeTable(keys: itemIDs, columns: [genres, years]))
        return RecommendationDataset(name: "conformance", train: generated.train, test: generated.test, catalog: catalog)
    }()

    /// Small settings for every kind.
    static var settings: ModelRegistry.Settings {
        var training = TrainingConfiguration()
        training.epochs = 3
        training.dimension = 8
        training.layers = 2
        training.batchSize = 64
        training.learningRate = 0.01
        training.evaluateEvery = 0
        training.seed = 5
        var settings = ModelRegistry.Settings(training: training)
        settings.ials.factors = 6
        settings.ials.iterations = 3
        settings.gfcf.rank = 6
        settings.gfcf.oversampling = 4
        settings.itemKNN.neighbors = 10
        settings.ease.regularization = 10
        return settings
    }

    /// A `kind` model fitted on ``dataset``'s training split, with its catalog.
    static func saved(_ kind: ModelKind) throws -> SavedModel {
        let fitted = try ModelRegistry.fit(kind, train: dataset.train, validation: nil, settings: settings)
        var model = fitted.saved(kind: kind, train: dataset.train, datasetName: dataset.name)
        model.catalog = dataset.catalog
        if var trained = model.trainedModel {
            trained.catalog = dataset.catalog
            model = SavedModel(trainedModel: trained, kind: kind)
        }
        return model
    }
}

/// Records the rankings an evaluator asks for, to compare them with other paths.
final class RecordingRecommender: Recommender, @unchecked Sendable {
    let base: any Recommender
    private let lock = NSLock()
    private(set) var rankings: [Int: [ScoredItem]] = [:]

    init(_ base: any Recommender) { self.base = base }

    var userCount: Int { base.userCount }
    var itemCount: Int { base.itemCount }

    func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        let rows = base.recommend(users: users, k: k, masks: masks)
        lock.withLock { for (user, row) in zip(users, rows) { rankings[user] = row } }
        return rows
    }
}
