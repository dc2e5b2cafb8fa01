import ArgumentParser
import Foundation
import RecData
import RecServing
import RecTraining

/// `lightgcn import`: a model file from a layer-0 table trained elsewhere (PyG, PyTorch, NumPy).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a model file from a layer-0 embedding table trained elsewhere and the training data.",
        discussion: """
            The table ((U+I) × D, float32 or float64) holds users first, then items, as PyG's \
            LightGCN numbers the nodes of its homogeneous graph (item i is row U + i); for PyG save \
            model.embedding.weight. --data gives the graph and the items each user has (for the paper \
            format, U and I are counted as 'lightgcn train' counts them: largest id in train.txt ∪ \
            test.txt, plus one). The table was trained on the whole training split, so no validation \
            split is carved (as with --paper-protocol). 'lightgcn evaluate --model OUTPUT' then gives \
            the full-ranking metrics PyG computes for the same table, graph and layers.

            Exit codes: 0 success; 1 a runtime error (unreadable table, data that does not fit it, \
            unwritable model); 64 a usage error.
            """)

    @Option(help: "The table: a .safetensors or .npy file.") var embeddings: String
    @Option(help: "The tensor to read from a .safetensors file (default: the only one, or embedding_layer0 / embedding.weight).")
    var tensor: String?
    @OptionGroup(title: "Data") var dataOptions: DataOptions
    @Option(help: "Number of propagation layers L the table was trained with.") var layers = 3
    @Option(help: "Where to write the model file.") var output: String
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        let progress = console.progress()
        progress.update("reading \(embeddings)…")
        let table = try EmbeddingImporter.readTable(path: embeddings, tensorName: tensor)
        progress.clear()
        var options = dataOptions
        options.paperProtocol = true
        let loaded = try options.loadShowingProgress(console: console)
        let dataset = loaded.dataset
        var model = try EmbeddingImporter.model(table: table, train: dataset.train, layers: layers, datasetName: dataset.name)
        model.catalog = dataset.catalog
        model.dataArguments = options.arguments
        model.splitFingerprint = dataset.splitFingerprint
        model.knownOutsideTraining = loaded.knownOutside(model.train)
        try ModelFile.write(model, to: output)
        if try console.emitJSON(ExportOutput(users: model.userCount, items: model.itemCount,
                                              dimension: table.columns, files: [output])) { return }
        console.note("imported \(table.rows) × \(table.columns) table '\(table.name)' (\(model.userCount) users, \(model.itemCount) items, \(layers) layers) to \(output)")
    }
}
