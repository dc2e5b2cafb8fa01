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
        for i in 0..<table.count { table.storage[i] = Float.random(in: -1...1, using: &generator) }
        let pairs = (0..<users).flatMap { u in [(user: u, item: u % items), (user: u, item: (u + 1) % items)] }
        let train = InteractionMatrix(userCount: users, itemCount: items, pairs: pairs)
        var configuration = TrainingConfiguration()
        configuration.layers = layers
        configuration.dimension = dimension
        return TrainedModel(configuration: configuration, datasetName: "tiny", embedding: table, train: train, history: [])
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("recserving-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
