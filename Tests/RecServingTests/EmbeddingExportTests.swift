import Foundation
import RecData
import Testing
@testable import RecServing

/// True when `python3 -c "import numpy"` succeeds.
let pythonHasNumPy: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import numpy"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

@Suite struct EmbeddingExportTests {
    let model = TestModels.tiny()

    @Test func tensorsAreTheFinalEmbeddingsAndTheTable() {
        let tensors = EmbeddingExporter.tensors(of: model)
        #expect(tensors.map(\.name) == EmbeddingExporter.tensorNames)
        let recommender = model.recommender()
        #expect(tensors[0] == NamedTensor(name: "user_embedding", matrix: recommender.userEmbeddings))
        #expect(tensors[1] == NamedTensor(name: "item_embedding", matrix: recommender.itemEmbeddings))
        #expect(tensors[2].values == model.embedding.values)
        #expect((tensors[2].rows, tensors[2].columns) == (10, 3))
    }

    @Test(arguments: ExportFormat.allCases)
    func writtenFilesReadBack(format: ExportFormat) throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tensors = EmbeddingExporter.tensors(of: model)
        let path = directory + "/out" + (format == .safetensors ? ".safetensors" : "")
        let written = try EmbeddingExporter.write(tensors, format: format, to: path)
        let read: [NamedTensor]
        switch format {
        case .safetensors: read = try SafetensorsFile.read(from: path)
        case .npy: read = try written.map { try NPYFile.read(from: $0) }
        case .csv:
            read = try written.map { file in
                try EmbeddingCSV.decode(AtomicFileWriter.read(file),
                                        name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, path: file).tensor
            }
        }
        #expect(read == tensors)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func exportWritesTheDatasetIdsBesideTheTables() throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var model = TestModels.withCatalog()
        let odd = ["u,0", "u\"1\"", "u2", "u3"]
        model.catalog?.users = Vocabulary(odd)
        let written = try EmbeddingExporter.export(model, format: .csv, to: directory + "/csv")
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent }
                == ["user_embedding.csv", "item_embedding.csv", "embedding_layer0.csv", "user_ids.json", "item_ids.json"])
        let users = try EmbeddingCSV.decode(AtomicFileWriter.read(directory + "/csv/user_embedding.csv"), name: "u", path: "u")
        #expect(users.ids == odd)
        #expect(users.tensor.values == EmbeddingExporter.tensors(of: model)[0].values)
        let layer0 = try EmbeddingCSV.decode(AtomicFileWriter.read(directory + "/csv/embedding_layer0.csv"), name: "e", path: "e")
        #expect(layer0.ids == (0..<10).map(String.init))
        let itemIDs = try JSONDecoder().decode([String].self, from: AtomicFileWriter.read(directory + "/csv/item_ids.json"))
        #expect(itemIDs == (0..<6).map { "i\($0)" })
        let npy = try EmbeddingExporter.export(model, format: .npy, to: directory + "/npy")
        #expect(npy.count == 5)
        // Without a catalog there are no id files.
        #expect(try EmbeddingExporter.export(TestModels.tiny(), format: .npy, to: directory + "/plain").count == 3)
        #expect(try EmbeddingExporter.export(model, format: .safetensors, to: directory + "/m.safetensors") == [directory + "/m.safetensors"])
    }

    @Test func unwritableDestinationIsAnError() {
        let tensors = EmbeddingExporter.tensors(of: model)
        #expect(throws: TensorFileError.self) {
            try EmbeddingExporter.write(tensors, format: .safetensors, to: "/nonexistent-dir/x.safetensors")
        }
    }

    @Test(.enabled(if: pythonHasNumPy, "python3 with numpy is not available: skipping the NumPy read-back test"))
    func numpyReadsTheNPYAndSafetensorsFiles() throws {
        let directory = TestModels.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tensors = EmbeddingExporter.tensors(of: model)
        try EmbeddingExporter.write(tensors, format: .npy, to: directory + "/npy")
        try EmbeddingExporter.write(tensors, format: .safetensors, to: directory + "/all.safetensors")
        let script = """
            import json, struct, sys
            import numpy as np
            d = sys.argv[1]
            out = {}
            for name in ["user_embedding", "item_embedding", "embedding_layer0"]:
                a = np.load(f"{d}/npy/{name}.npy")
                assert a.dtype == np.float32 and a.ndim == 2, (a.dtype, a.shape)
                out["npy/" + name] = [list(a.shape), [float(x) for x in a.ravel()]]
            with open(f"{d}/all.safetensors", "rb") as f:
                (n,) = struct.unpack("<Q", f.read(8))
                header = json.loads(f.read(n))
                data = f.read()
            for name, info in header.items():
                if name == "__metadata__":
                    continue
                assert info["dtype"] == "F32"
                b, e = info["data_offsets"]
                a = np.frombuffer(data[b:e], dtype="<f4").reshape(info["shape"])
                out["st/" + name] = [list(a.shape), [float(x) for x in a.ravel()]]
            print(json.dumps(out))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: output) as? [String: [Any]])
        for prefix in ["npy/", "st/"] {
            for tensor in tensors {
                let entry = try #require(parsed[prefix + tensor.name])
                #expect(entry[0] as? [Int] == [tensor.rows, tensor.columns])
                let values = try #require(entry[1] as? [Double]).map(Float.init)
                #expect(values == tensor.values, "\(prefix)\(tensor.name)")
            }
        }
    }
}
