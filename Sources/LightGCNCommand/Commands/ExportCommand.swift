import ArgumentParser
import Foundation
import RecModels
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

            Other model kinds: LR-GCCF and iALS write user_embedding and item_embedding (their \
            scores are these inner products too); EASE writes item_weights (I × I, scores x_u·B); \
            GF-CF its low-pass factors low_pass_query and low_pass_items; popularity \
            item_popularity (1 × I). ItemKNN's neighbourhoods are sparse and are not exported.

            Exit codes: 0 success; 1 a runtime error (unreadable model, unwritable output); 64 a usage error.
            """)

    @Option(help: "A model file written by 'lightgcn train --output' or 'lightgcn import'.") var model: String
    @Option(help: "safetensors, npy or csv.") var format: ExportFormat
    @Option(help: "The file (safetensors) or directory (npy, csv) to write.") var output: String
    @OptionGroup(title: "Output") var console: ConsoleOptions

    func run() throws {
        let progress = console.progress()
        progress.update("reading \(model)…")
        let saved = try ModelRegistry.load(from: model)
        progress.update("writing \(format.rawValue)…")
        let written = try EmbeddingExporter.export(saved, source: model, format: format, to: output)
        progress.clear()
        let dimension = (saved.recommender as? any ItemEmbeddings)?.itemEmbeddings.columns
        if try console.emitJSON(ExportOutput(users: saved.userCount, items: saved.itemCount, dimension: dimension,
                                              files: written)) { return }
        console.note("wrote the \(saved.kind.displayName) model's tables (\(saved.userCount) users, \(saved.itemCount) items"
                     + (dimension.map { " × \($0)" } ?? "") + ") to \(written.joined(separator: ", "))")
    }
}

/// The JSON of `export --json` and `import --json`.
struct ExportOutput: Encodable {
    var users: Int
    var items: Int
    var dimension: Int?
    /// The files written.
    var files: [String]
}

extension ExportFormat: ExpressibleByArgument {}
