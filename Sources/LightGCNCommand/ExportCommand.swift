import ArgumentParser
import Foundation
import RecServing
import RecTraining

/// `lightgcn export`: a saved model's embeddings as safetensors, NPY or CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model's final user and item embeddings and its layer-0 table for NumPy or PyTorch.",
        discussion: """
            Tensors: user_embedding (U × D) and item_embedding (I × D), the final embeddings whose \
            inner products are the model's scores, and embedding_layer0 ((U+I) × D, users first: \
            PyG's model.embedding.weight). Row r is the user or item of dense index r. safetensors writes \
            one file at --output; npy and csv write a directory at --output with one NAME.npy or \
            NAME.csv per tensor and, when the model records the dataset's ids, user_ids.json and \
            item_ids.json (the ids of the rows, also in the CSV files' id column). Files are written atomically.

            Exit codes: 0 success; 1 a runtime error (unreadable model, unwritable output); 64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output' or 'lightgcn import'.") var model: String
    @Option(help: "safetensors, npy or csv.") var format: ExportFormat
    @Option(help: "The file (safetensors) or directory (npy, csv) to write.") var output: String
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        let progress = console.progress()
        progress.update("reading \(model)…")
        let trained = try ModelFile.read(from: model)
        progress.update("propagating and writing \(format.rawValue)…")
        let written = try EmbeddingExporter.export(trained, format: format, to: output)
        progress.clear()
        if try console.emitJSON(ExportOutput(users: trained.userCount, items: trained.itemCount,
                                              dimension: trained.embedding.columns, files: written)) { return }
        console.note("wrote \(trained.userCount) users and \(trained.itemCount) items × \(trained.embedding.columns) to \(written.joined(separator: ", "))")
    }
}

/// The JSON of `export --json` and `import --json`.
struct ExportOutput: Encodable {
    var users: Int
    var items: Int
    var dimension: Int
    /// The files written.
    var files: [String]
}

extension ExportFormat: ExpressibleByArgument {}
