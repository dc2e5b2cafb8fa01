import Foundation
import RecTraining

/// Writes a trained model's embeddings for use elsewhere (NumPy, PyTorch, pandas):
///
/// - `user_embedding`: the final user embeddings, `U × D` (`out[:U]` in PyG's terms);
/// - `item_embedding`: the final item embeddings, `I × D` (`out[U:]`);
/// - `embedding_layer0`: the layer-0 table `E`, `(U + I) × D`, users first (PyG's `model.embedding.weight`).
///
/// The final embeddings are `out = Σ_l α_l Â^l E` over the training graph, so
/// `user_embedding @ item_embedding.T` are the model's scores.
public enum EmbeddingExporter {
    /// Tensor names, in the order they are written.
    public static let tensorNames = ["user_embedding", "item_embedding", "embedding_layer0"]

    /// The three tensors of `model` (propagates once).
    public static func tensors(of model: TrainedModel) -> [NamedTensor] {
        let recommender = model.recommender()
        return [
            NamedTensor(name: "user_embedding", matrix: recommender.userEmbeddings),
            NamedTensor(name: "item_embedding", matrix: recommender.itemEmbeddings),
            NamedTensor(name: "embedding_layer0", matrix: model.embedding),
        ]
    }

    /// Writes `tensors` in `format`: a single file at `path` for safetensors; for npy and csv a
    /// directory at `path` (created if needed) with one `NAME.npy` / `NAME.csv` per tensor.
    /// Every file is written atomically.
    ///
    /// - Returns: the paths written.
    @discardableResult
    public static func write(_ tensors: [NamedTensor], format: ExportFormat, to path: String) throws(TensorFileError) -> [String] {
        switch format {
        case .safetensors:
            try SafetensorsFile.write(tensors, to: path)
            return [path]
        case .npy, .csv:
            try AtomicFileWriter.makeDirectory(path)
            var written: [String] = []
            for tensor in tensors {
                let file = URL(fileURLWithPath: path).appendingPathComponent("\(tensor.name).\(format.rawValue)").path
                if format == .npy { try NPYFile.write(tensor, to: file) } else { try EmbeddingCSV.write(tensor, to: file) }
                written.append(file)
            }
            return written
        }
    }
}
