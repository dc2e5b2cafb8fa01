import Foundation
import RecData
import RecKernels
import RecServing
import RecTraining

/// Tiny models and temporary paths for the serving tests.
enum TestModels {
    /// A model of `users` users and `items` items with a seeded random table and a few
    /// interactions per user (user u has items u % I and (u + 1) % I).
    static func tiny(users: Int = 4, items: Int = 6, dimension: Int = 3, layers: Int = 2, seed: UInt64 = 1) -> TrainedModel {
        var generator = SeededGenerator(seed: seed)
        let table = Matrix<Float>(rows: users + items, columns: dimension)
        for i in 0..<table.count { table[flat: i] = Float.random(in: -1...1, using: &generator) }
        let pairs = (0..<users).flatMap { u in [(user: u, item: u % items), (user: u, item: (u + 1) % items)] }
        let train = InteractionMatrix(userCount: users, itemCount: items, pairs: pairs)
        var configuration = TrainingConfiguration()
        configuration.layers = layers
        configuration.dimension = dimension
        return TrainedModel(configuration: configuration, datasetName: "tiny", embedding: table, train: train, history: [])
    }

    /// ``tiny(users:items:dimension:layers:seed:)`` with a catalog: users `u0`, `u1`, …, items
    /// `i0`, `i1`, … (so `"1"` is not an id), titles `Title 0`, … except item 1, which has none.
    static func withCatalog(users: Int = 4, items: Int = 6, seed: UInt64 = 1) -> TrainedModel {
        var model = tiny(users: users, items: items, seed: seed)
        model.catalog = DatasetCatalog(users: Vocabulary((0..<users).map { "u\($0)" }),
                                       items: Vocabulary((0..<items).map { "i\($0)" }),
                                       itemTitles: (0..<items).map { $0 == 1 ? "" : "Title \"\($0)\"" })
        return model
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("recserving-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
