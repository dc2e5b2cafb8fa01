import Foundation
import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

/// The feature section of model files (format version 3).
@Suite("Model files: feature section")
struct ModelFileFeatureTests {
    static let dataset = SyntheticDataset.generate(userCount: 40, itemCount: 30, seed: 9)

    /// Users: a labelled categorical with missing values and a number with missing values.
    /// Items: a multi-valued column and a categorical column without labels.
    static func features() -> (users: NodeFeatures, items: NodeFeatures) {
        let genders: [Int32] = (0..<40).map { (u: Int) -> Int32 in u % 5 == 0 ? -1 : Int32(u % 2) }
        let ages: [Double?] = (0..<40).map { (u: Int) -> Double? in u % 7 == 0 ? nil : Double(18 + u) }
        let users = NodeFeatures(columns: [
            FeatureColumn(name: "gender", values: .categorical(codes: genders, cardinality: 3), categories: ["F", "M", "X"]),
            FeatureColumn(name: "age", values: .numeric(ages)),
        ], rowCount: 40)
        let genres: [[Int32]] = (0..<30).map { (i: Int) -> [Int32] in i % 6 == 0 ? [] : [Int32(i % 4), Int32(4 + i % 2)] }
        let decades: [Int32] = (0..<30).map { (i: Int) -> Int32 in Int32(i % 3) }
        let items = NodeFeatures(columns: [
            FeatureColumn(name: "genres", values: .multiCategorical(codes: genres, cardinality: 6),
                          categories: ["a", "b", "c", "d", "e", "f"]),
            FeatureColumn(name: "decade", values: .categorical(codes: decades, cardinality: 3)),
        ], rowCount: 30)
        return (users, items)
    }

    /// The settings of the models here: dim 4, 2 layers, batch 64, one epoch, lr 0.01.
    static func configuration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dimension = 4
        c.layers = 2
        c.batchSize = 64
        c.epochs = 1
        c.learningRate = 0.01
        return c
    }

    /// A feature model trained for one epoch (no user ID table).
    static func trainedModel() throws -> TrainedModel {
        let c = configuration()
        let (users, items) = features()
        let trainer = try FeatureBPRTrainer(train: dataset.train, configuration: c, userFeatures: users,
                                            itemFeatures: items, useUserIDs: false)
        trainer.fit()
        return trainer.trainedModel(datasetName: "synthetic")
    }

    /// A feature model with a popularity prior and separate cold heads on both sides, trained one
    /// epoch with ID dropout; its prior weight is then set to 0.75 so that the prior shows in
    /// every score.
    static func modelWithPriorAndHeads() throws -> TrainedModel {
        let c = configuration()
        let (users, items) = features()
        let trainer = try FeatureBPRTrainer(train: dataset.train, configuration: c, userFeatures: users, itemFeatures: items,
                                            coldStartTraining: ColdStartTraining(idDropout: 0.3, separateHead: true),
                                            popularityPrior: true)
        trainer.fit()
        try #require(trainer.model.popularityPrior).weight[0, 0] = 0.75
        return trainer.trainedModel(datasetName: "synthetic")
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString).lgcn").path
    }

    /// `data` with its trailing checksum recomputed (an edit that only the structure checks can catch).
    static func resealed(_ data: Data) -> Data {
        var body = Data(data.prefix(data.count - 8))
        let sum = ModelFile.checksum(body.span)
        ModelFile.appendLittleEndian(sum, to: &body)
        return body
    }

    /// The offset of the feature section in a written file.
    static func featureSectionStart(_ data: Data) throws -> Int {
        let headerLength = Int(ModelFile.readLittleEndian(data, at: 12) as UInt64)
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 20..<(20 + headerLength))) as? [String: Any]
        return 20 + headerLength + (try #require(header?["payloadBytes"] as? Int))
    }

    @Test("a feature model is written as version 3 and read back with the same tables, features and schema")
    func roundTrip() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = try Self.trainedModel()
        try ModelFile.write(model, to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ModelFile.readLittleEndian(data, at: 8) as UInt32 == 3)
        let back = try ModelFile.read(from: path)
        let original = try #require(model.featureModel), read = try #require(back.featureModel)
        #expect(back.embedding.values == model.embedding.values)
        #expect(read.userIDEmbedding == nil && read.itemIDEmbedding != nil)
        #expect(read.parameters.map(\.values) == original.parameters.map(\.values))
        #expect(read.userFeatures == original.userFeatures && read.itemFeatures == original.itemFeatures)
        #expect(read.userEncoder?.schema == original.userEncoder?.schema)
        #expect(read.itemEncoder?.schema == original.itemEncoder?.schema)
        #expect(read.userEncoder?.means == original.userEncoder?.means)
        #expect(read.lightGCN.embedding.values == model.embedding.values)

        // A new user read from text gets the same recommendations from both.
        let row = try read.userFeatures(from: ["gender": "M", "age": "30"])
        let graph = PropagationGraph<Float>(userCount: back.userCount, itemCount: back.itemCount,
                                            itemsOfUser: back.train.itemsOfUser)
        let before = ColdStartRecommender(model: original, graph: graph).recommend(userFeatures: row.features, items: [1, 2], k: 5)
        let after = ColdStartRecommender(model: read, graph: graph).recommend(userFeatures: row.features, items: [1, 2], k: 5)
        #expect(before == after && before.count == 5)
    }

    @Test("the popularity prior and the separate cold heads are stored, read back and scored with")
    func priorAndColdHeads() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = try Self.modelWithPriorAndHeads()
        try ModelFile.write(model, to: path)
        let back = try ModelFile.read(from: path)
        let original = try #require(model.featureModel), read = try #require(back.featureModel)
        #expect(read.parameters.map(\.values) == original.parameters.map(\.values))
        let prior = try #require(read.popularityPrior)
        #expect(prior.currentWeight == 0.75 && prior.itemValues == original.popularityPrior?.itemValues)
        #expect(read.userColdEncoder?.tables.map(\.values) == original.userColdEncoder?.tables.map(\.values))
        #expect(read.itemColdEncoder?.tables.map(\.values) == original.itemColdEncoder?.tables.map(\.values))
        #expect(read.userColdEncoder?.tables.map(\.values) != read.userEncoder?.tables.map(\.values))

        // Known users: score(u, i) = ⟨out_u, out_i⟩ + w · ln(1 + n_i).
        let graph = back.propagationGraph()
        let plain = back.lightGCN().recommender(userCount: back.userCount, itemCount: back.itemCount, graph: graph)
        let scored = back.recommender()
        #expect(back.plainItemEmbeddings(of: scored).values == plain.itemEmbeddings.values)
        for u in [0, 7, 39] {
            let withPrior = scored.scores(user: u), without = plain.scores(user: u)
            for i in 0..<back.itemCount {
                let expected = without[i] + 0.75 * Float(log1p(Double(back.train.itemPopularity[i])))
                #expect(abs(withPrior[i] - expected) <= 1e-5 * (1 + abs(expected)), "user \(u) item \(i)")
            }
        }
        // New users and items are projected by the cold heads, read back unchanged.
        let row = try read.userFeatures(from: ["gender": "F", "age": "44"])
        #expect(read.userLayerZero(features: row.features).values
                == original.userColdEncoder?.encode(row.features).values)
        let before = ColdStartRecommender(model: original, graph: graph).recommend(userFeatures: row.features, k: 6)
        let after = ColdStartRecommender(model: read, graph: graph).recommend(userFeatures: row.features, k: 6)
        #expect(before == after && after.count == 6)
    }

    @Test("a feature header written before the prior and the cold heads were stored reads as a model without them")
    func olderFeatureHeader() throws {
        let json = #"{"userIDs":false,"itemIDs":true,"byteCount":480}"#
        let header = try JSONDecoder().decode(ModelFileFeatureHeader.self, from: Data(json.utf8))
        #expect(header.popularityPrior == nil && header.userColdHead == nil && header.itemColdHead == nil)
        // The model without them writes none of the three keys.
        let (written, _) = ModelFile.encodeFeatures(try #require(try Self.trainedModel().featureModel))
        let text = String(decoding: try JSONEncoder().encode(written), as: UTF8.self)
        #expect(!text.contains("popularityPrior") && !text.contains("ColdHead"), "\(text)")
    }

    @Test("an ID-only model is still written as version 2, which is read as before")
    func idOnlyStaysVersion2() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(ModelFileTests.sampleModel(), to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(ModelFile.readLittleEndian(data, at: 8) as UInt32 == 2)
        #expect(!String(decoding: data, as: UTF8.self).contains("\"features\""))
        #expect(try ModelFile.read(from: path).featureModel == nil)
    }

    @Test("truncated, altered and inconsistent feature sections are rejected")
    func rejectsBadSections() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(Self.trainedModel(), to: path)
        let url = URL(fileURLWithPath: path)
        let good = try Data(contentsOf: url)
        let start = try Self.featureSectionStart(good)

        try good.prefix(good.count - 20).write(to: url)
        #expect(throws: ModelFileError.truncated(path)) { try ModelFile.read(from: path) }

        var flipped = good
        flipped[start + 3] ^= 0x10
        try flipped.write(to: url)
        #expect(throws: ModelFileError.corrupt(path, "the checksum does not match (the file was altered or damaged)")) {
            try ModelFile.read(from: path)
        }

        // Past the checksum: an item ID table entry changed (the section no longer gives E⁰) …
        var table = good
        table[start + 2] ^= 0x40
        try Self.resealed(table).write(to: url)
        #expect(throws: ModelFileError.corrupt(path, "the feature tables do not reproduce the stored layer-0 table")) {
            try ModelFile.read(from: path)
        }

        // … a user code outside its categories (the first gender code, after the item ID table
        // and the 3 × 4 gender table) …
        var code = good
        let firstCode = start + (30 * 4 + 3 * 4) * 4
        for k in 0..<4 { code[firstCode + k] = 0x7f }
        try Self.resealed(code).write(to: url)
        #expect(throws: ModelFileError.corrupt(path, "feature gender has a code outside its categories")) {
            try ModelFile.read(from: path)
        }

        // … and a version-2 file that claims a feature section.
        var version = good
        version[8] = 2
        try Self.resealed(version).write(to: url)
        #expect(throws: ModelFileError.corrupt(path, "a version-2 file cannot have a feature section")) {
            try ModelFile.read(from: path)
        }
    }
}
