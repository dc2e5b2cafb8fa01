import Foundation
import RecData
import RecKernels
import Testing
@testable import RecTraining

@Suite("Model files")
struct ModelFileTests {
    static func sampleModel() -> TrainedModel {
        let train = InteractionMatrix(userCount: 3, itemCount: 4, pairs: [(0, 1), (0, 3), (2, 0)])
        let embedding = Matrix<Float>(rows: 7, columns: 2, values: (0..<14).map { Float($0) * 0.25 - 1 })
        var c = TrainingConfiguration()
        c.dimension = 2
        c.layers = 2
        let record = EpochRecord(epoch: 1, bprLoss: 0.6, regularizationLoss: 0.01, batches: 1, seconds: 0.1,
                                 metrics: ["Recall@20": 0.5], evaluationSeconds: 0.01)
        let catalog = DatasetCatalog(users: Vocabulary(["u7", "u8", "u9"]), items: Vocabulary(["a", "b", "c", "d"]),
                                     itemTitles: ["Alpha", "", "Gamma", "Delta"])
        return TrainedModel(configuration: c, datasetName: "tiny", embedding: embedding, train: train, history: [record],
                            selectedEpoch: 1, catalog: catalog, dataArguments: ["--data", "tiny.csv", "--split-seed", "3"],
                            splitFingerprint: "0123456789abcdef")
    }

    /// `file` with the Int32 just before its checksum set to `value` and the checksum recomputed,
    /// as a careless or malicious writer would.
    static func withLastInt32(_ value: Int32, of file: Data) -> Data {
        var crafted = file
        var valueBytes = Data(), sumBytes = Data()
        ModelFile.appendLittleEndian(value, to: &valueBytes)
        crafted.replaceSubrange((crafted.count - 12)..<(crafted.count - 8), with: valueBytes)
        let sum = ModelFile.checksum(crafted.span.extracting(0..<(crafted.count - 8)))
        ModelFile.appendLittleEndian(sum, to: &sumBytes)
        crafted.replaceSubrange((crafted.count - 8)..<crafted.count, with: sumBytes)
        return crafted
    }

    /// Writes `model` to `path`, then for each of `values` rewrites the file with that value in
    /// place of its last Int32 (the last item id, just before the checksum) and the checksum
    /// recomputed, as a careless or malicious writer would, and expects `ModelFile.read` to refuse
    /// it with `message`. Returns the file as written.
    @discardableResult
    static func expectLastItemRefused(_ model: TrainedModel, at path: String, values: [Int32], message: String) throws -> Data {
        try ModelFile.write(model, to: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        for bad in values {
            try withLastInt32(bad, of: good).write(to: URL(fileURLWithPath: path))
            #expect(throws: ModelFileError.corrupt(path, message)) { try ModelFile.read(from: path) }
        }
        return good
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).lgcn").path
    }

    @Test("write then read gives the same model")
    func roundTrip() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = Self.sampleModel()
        try ModelFile.write(model, to: path)
        let back = try ModelFile.read(from: path)
        #expect(back.embedding.values == model.embedding.values)
        #expect(back.train == model.train)
        #expect(back.configuration == model.configuration)
        #expect(back.history == model.history)
        #expect(back.datasetName == "tiny")
        #expect(back.catalog == model.catalog)
        #expect(back.selectedEpoch == 1)
        #expect(back.dataArguments == model.dataArguments)
        #expect(back.splitFingerprint == model.splitFingerprint)
    }

    @Test("truncated, corrupted, foreign and future-version files are rejected with the path")
    func rejectsBadFiles() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(Self.sampleModel(), to: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))

        try good.prefix(good.count - 5).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.truncated(path)) { try ModelFile.read(from: path) }

        let altered = ModelFileError.corrupt(path, "the checksum does not match (the file was altered or damaged)")
        var flipped = good
        flipped[flipped.count - 12] ^= 0x40
        try flipped.write(to: URL(fileURLWithPath: path))
        #expect(throws: altered) { try ModelFile.read(from: path) }

        // An edit of the header that keeps it valid JSON (2 layers → 3) is caught too.
        let field = try #require(good.range(of: Data("\"layers\":2".utf8)))
        var edited = good
        edited[field.upperBound - 1] = UInt8(ascii: "3")
        try edited.write(to: URL(fileURLWithPath: path))
        #expect(throws: altered) { try ModelFile.read(from: path) }

        try Data("user item\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.notAModel(path)) { try ModelFile.read(from: path) }

        var future = good
        future[8] = 99
        try future.write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.unsupportedVersion(path, 99, 3)) { try ModelFile.read(from: path) }

        #expect(throws: ModelFileError.notFound(path + ".missing")) { try ModelFile.read(from: path + ".missing") }
    }

    @Test("the interactions a user has outside training are kept; older files have none")
    func knownOutsideTraining() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var model = Self.sampleModel()
        try ModelFile.write(model, to: path)
        #expect(try ModelFile.read(from: path).knownOutsideTraining == nil)
        let outside = InteractionMatrix(userCount: 3, itemCount: 4, pairs: [(0, 2), (1, 0), (1, 3)])
        model.knownOutsideTraining = outside
        try ModelFile.write(model, to: path)
        #expect(try ModelFile.read(from: path).knownOutsideTraining == outside)
    }

    @Test("a known-outside section out of range or unsorted is refused, even with a matching checksum")
    func knownOutsideChecked() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var model = Self.sampleModel()
        // User 1 has items 0 and 3: the last item id (3) sits just before the checksum.
        model.knownOutsideTraining = InteractionMatrix(userCount: 3, itemCount: 4, pairs: [(0, 2), (1, 0), (1, 3)])
        // Past the items, negative, and not above the row's previous item.
        let good = try Self.expectLastItemRefused(model, at: path, values: [4, -1, 0],
                                                  message: "the known interactions outside training are inconsistent")
        // A section cut off is a size mismatch, not a crash.
        try good.prefix(good.count - 12).write(to: URL(fileURLWithPath: path))
        #expect(throws: ModelFileError.self) { try ModelFile.read(from: path) }
    }

    @Test("a file whose checksum matches but whose interactions are inconsistent is refused")
    func checksumIsNotTrust() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The last item id sits just before the checksum: past the last item, and negative.
        try Self.expectLastItemRefused(Self.sampleModel(), at: path, values: [4, -1],
                                       message: "the training interactions are inconsistent")
    }

    @Test("a training row out of order is refused, not trusted into the interaction matrix")
    func trainingRowOrderChecked() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var model = Self.sampleModel()
        // The last user has items 0 and 2: the last item id (2) sits just before the checksum.
        model.train = InteractionMatrix(userCount: 3, itemCount: 4, pairs: [(0, 1), (2, 0), (2, 2)])
        try Self.expectLastItemRefused(model, at: path, values: [0], message: "the training interactions are inconsistent")
    }

    @Test("writing over a model replaces it and leaves no temporary file")
    func overwrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.lgcn").path
        var model = Self.sampleModel()
        try ModelFile.write(model, to: path)
        model.datasetName = "second"
        try ModelFile.write(model, to: path)
        #expect(try ModelFile.read(from: path).datasetName == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["m.lgcn"])
        #expect(throws: ModelFileError.unreadable(directory.path)) { try ModelFile.read(from: directory.path) }
    }

    @Test("a failed write leaves no file behind")
    func atomicWrite() {
        let path = "/nonexistent-directory-\(UUID().uuidString)/model.lgcn"
        #expect(throws: ModelFileError.self) { try ModelFile.write(Self.sampleModel(), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
