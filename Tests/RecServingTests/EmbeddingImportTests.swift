import Foundation
import RecData
import RecKernels
import Testing
@testable import RecServing

@Suite struct EmbeddingImportTests {
    @Test func importedTableGivesTheSameModel() throws {
        let original = TestModels.tiny()
        let table = NamedTensor(name: "embedding.weight", matrix: original.embedding)
        let imported = try EmbeddingImporter.model(table: table, train: original.train, layers: 2, datasetName: "tiny")
        #expect(imported.embedding.values == original.embedding.values)
        #expect(imported.configuration.layers == 2)
        #expect(imported.configuration.dimension == 3)
        let a = original.recommender(), b = imported.recommender()
        #expect(a.userEmbeddings.values == b.userEmbeddings.values)
        #expect(a.itemEmbeddings.values == b.itemEmbeddings.values)
    }

    @Test func wrongRowCountSaysWhatIsExpected() {
        let original = TestModels.tiny()
        let table = NamedTensor(name: "w", rows: 9, columns: 3, values: [Float](repeating: 0, count: 27))
        do {
            _ = try EmbeddingImporter.model(table: table, train: original.train, layers: 2, datasetName: "tiny")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("9 rows"))
            #expect(error.description.contains("4 users + 6 items = 10 nodes"))
        }
    }

    @Test func nonFiniteValuesAndNegativeLayersAreRejected() {
        let train = TestModels.tiny().train
        var values = [Float](repeating: 0, count: 30)
        values[7] = .nan
        #expect(throws: TensorFileError.self) {
            try EmbeddingImporter.model(table: NamedTensor(name: "w", rows: 10, columns: 3, values: values),
                                        train: train, layers: 2, datasetName: "t")
        }
        #expect(throws: TensorFileError.self) {
            try EmbeddingImporter.model(table: NamedTensor(name: "w", rows: 10, columns: 3, values: [Float](repeating: 0, count: 30)),
                                        train: train, layers: -1, datasetName: "t")
        }
    }

    @Test func readTableFromNPYAndSafetensors() throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let table = NamedTensor(name: "embedding.weight", rows: 2, columns: 2, values: [1, 2, 3, 4])
        let other = NamedTensor(name: "other", rows: 1, columns: 1, values: [9])
        try NPYFile.write(table, to: directory + "/table.npy")
        try SafetensorsFile.write([other, table], to: directory + "/model.safetensors")
        #expect(try EmbeddingImporter.readTable(path: directory + "/table.npy").values == [1, 2, 3, 4])
        #expect(try EmbeddingImporter.readTable(path: directory + "/model.safetensors") == table)
        #expect(try EmbeddingImporter.readTable(path: directory + "/model.safetensors", tensorName: "other") == other)
        #expect(throws: TensorFileError.self) {
            try EmbeddingImporter.readTable(path: directory + "/model.safetensors", tensorName: "missing")
        }
        #expect(throws: TensorFileError.self) { try EmbeddingImporter.readTable(path: directory + "/table.txt") }
        #expect(throws: TensorFileError.notFound(directory + "/nope.npy")) {
            try EmbeddingImporter.readTable(path: directory + "/nope.npy")
        }
    }
}
