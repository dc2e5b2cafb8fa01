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
            PyG's model.embedding.weight). safetensors writes one file at --output; npy and csv write \
            a directory at --output with one NAME.npy or NAME.csv per tensor. Files are written atomically.
            """)

    @Option(help: "A model file written by 'lightgcn train --output' or 'lightgcn import'.") var model: String
    @Option(help: "safetensors, npy or csv.") var format: ExportFormat
    @Option(help: "The file (safetensors) or directory (npy, csv) to write.") var output: String

    func run() throws {
        let trained = try ModelFile.read(from: model)
        let written = try EmbeddingExporter.write(EmbeddingExporter.tensors(of: trained), format: format, to: output)
        printError("wrote \(trained.userCount) users and \(trained.itemCount) items × \(trained.embedding.columns) to \(written.joined(separator: ", "))")
    }
}

extension ExportFormat: ExpressibleByArgument {}
