import ArgumentParser
import Foundation
import RecData
import RecKernels
import RecModels
import RecTraining

/// `lightgcn benchmark`: times the kernels of one training step and of evaluation on a dataset,
/// interleaving variants so that they see the same machine load; prints medians.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Time the training-step kernels and full-ranking scoring on a dataset (medians of interleaved rounds).",
        discussion: """
            Exit codes: 0 success; 1 a runtime error (unreadable data); 64 a usage error.
            """)

    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @Option(help: "Rounds per variant.") var rounds = 20
    @Option(help: "Propagation layers.") var layers = 3
    @Option(help: "Embedding dimension.") var dim = 64
    @Option(name: .customLong("batch-size"), help: "Triples per batch.") var batchSize = 2048
    @Option(name: .customLong("csv-rows"), help: "Instead: time reading a generated CSV of this many rows (user,item,rating,timestamp).")
    var csvRows: Int?
    @Option(name: .customLong("model-file"), help: ArgumentHelp(
        "Instead: time reading, writing and preparing for serving the model file at this path (--rounds rounds).",
        valueName: "path"))
    var modelFile: String?
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        if let csvRows { return try timeCSV(rows: csvRows) }
        if let modelFile { return try timeModelFile(modelFile) }
        var loadSeconds: [Double] = []
        let progress = console.progress()
        for round in 0..<3 {
            progress.update("loading the dataset (round \(round + 1) of 3)…")
            var options = dataOptions
            options.paperProtocol = true
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try options.load()
            loadSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        // Kernels are timed on the published training graph (no validation split carved out).
        var options = dataOptions
        options.paperProtocol = true
        let dataset = try options.load().dataset
        progress.finish("loaded \(dataset.name): median \(String(format: "%.0f", loadSeconds.sorted()[1])) ms")
        var configuration = TrainingConfiguration()
        configuration.layers = layers
        configuration.dimension = dim
        configuration.batchSize = batchSize
        let trainer = try BPRTrainer(train: dataset.train, configuration: configuration)
        let model = trainer.model, graph = trainer.graph
        let nodes = model.numNodes
        let workspace = PropagationWorkspace<Float>(nodeCount: nodes, dimension: dim)
        let output = Matrix<Float>(rows: nodes, columns: dim)
        let gradient = Matrix<Float>(rows: nodes, columns: dim)
        let embeddingGradient = Matrix<Float>(rows: nodes, columns: dim)
        var generator = SeededGenerator(seed: 1)
        let triples = BPRSampler(train: dataset.train, strategy: .userUniform).sampleEpoch(using: &generator)
        let batchNodes = trainer.batchNodes(triples, 0..<min(batchSize, triples.count))
        for node in batchNodes { for c in 0..<dim { gradient[Int(node), c] = 1e-3 } }

        var samples: [String: [Double]] = [:]
        func time(_ name: String, _ body: () -> Void) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples[name, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let recommender = trainer.recommender()
        let users = Array(0..<min(4096, dataset.userCount))
        for round in 0..<rounds {
            progress.update("round \(round + 1) of \(rounds)…")
            time("spmm (1 layer, full graph)") { graph.adjacency.multiply(model.embedding, into: output) }
            time("forward, all rows") { model.propagate(graph: graph, into: output, workspace: workspace) }
            time("forward, batch rows only") {
                model.propagate(graph: graph, into: output, workspace: workspace, onlyRows: batchNodes)
            }
            time("backward, dense input") {
                model.backpropagate(graph: graph, outputGradient: gradient, into: embeddingGradient, workspace: workspace)
            }
            time("backward, sparse input") {
                model.backpropagate(graph: graph, outputGradient: gradient, nonZeroRows: batchNodes,
                                    into: embeddingGradient, workspace: workspace)
            }
            time("adam update") { trainer.optimizer.update(model.embedding, gradient: embeddingGradient) }
            if round < 3 {
                time("score+top-20, 4096 users") {
                    _ = recommender.recommend(users: users, k: 20, excluding: dataset.train.itemsOfUser)
                }
            }
        }
        progress.finish("\(rounds) rounds timed")
        samples["load dataset (3 rounds)"] = loadSeconds
        var medians: [String: Double] = [:]
        for (name, values) in samples { medians[name] = values.sorted()[values.count / 2] }
        if console.json {
            try printJSON(medians)
        } else {
            print("median milliseconds over \(rounds) interleaved rounds (\(dataset.name), \(nodes) nodes, "
                  + "\(graph.adjacency.nonZeroCount) non-zeros, dim \(dim), \(layers) layers, batch \(batchSize): \(batchNodes.count) distinct nodes)")
            for (name, value) in medians.sorted(by: { $0.key < $1.key }) {
                print("  " + pad(name, 34) + String(format: "%9.2f", value))
            }
        }
    }

    /// Writes a CSV of `rows` rows with `CSVGenerator` to a temporary file and prints the median
    /// wall time of reading it (3 rounds), then removes it.
    func timeCSV(rows: Int) throws {
        guard rows >= 1 else { throw ValidationError("--csv-rows must be ≥ 1, got \(rows)") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lightgcn-bench-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVGenerator(rowCount: rows).write(to: path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var seconds: [Double] = []
        var summary = ""
        let progress = console.progress()
        for round in 0..<3 {
            progress.update("reading the CSV (round \(round + 1) of 3)…")
            let start = DispatchTime.now().uptimeNanoseconds
            let log = try DelimitedInteractionReader().read(path: path)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            summary = log.summary
        }
        progress.clear()
        let median = seconds.sorted()[1]
        if console.json {
            try printJSON(["rows": Double(rows), "bytes": Double(bytes), "medianSeconds": median])
        } else {
            print(String(format: "read a %d-row CSV (%d bytes): median %.3f s of 3 (%@)", rows, bytes, median,
                         seconds.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
            print("  \(summary)")
        }
    }
}
