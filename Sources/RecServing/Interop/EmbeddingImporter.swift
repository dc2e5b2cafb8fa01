import Foundation
import RecData
import RecKernels
import RecTraining

/// Builds a ``TrainedModel`` from a layer-0 table trained elsewhere, for example PyG's
/// `model.embedding.weight` saved with `numpy.save` or `safetensors.torch.save_file`.
///
/// The table must follow PyG's homogeneous numbering: rows `0..<U` are the users, rows
/// `U..<U+I` the items (item `i` is node `U + i`). The graph is the training interactions, so
/// the final embeddings, scores and full-ranking metrics are those PyG computes from the same
/// table, graph and number of layers (with PyG's default uniform `α = 1/(L+1)`).
public enum EmbeddingImporter {
    /// Tensor names tried, in order, when a safetensors file holds several tensors and none is named.
    public static let preferredTensorNames = ["embedding_layer0", "embedding.weight", "weight", "embedding"]

    /// Reads the table from a `.safetensors` or `.npy` file (chosen by extension).
    ///
    /// - Parameters:
    ///   - tensorName: the tensor to take from a safetensors file; `nil` takes the only tensor,
    ///     or the first of ``preferredTensorNames`` present.
    public static func readTable(path: String, tensorName: String? = nil) throws(TensorFileError) -> NamedTensor {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "npy":
            return try NPYFile.read(from: path)
        case "safetensors":
            let tensors = try SafetensorsFile.read(from: path)
            let names = tensors.map(\.name)
            if let tensorName {
                guard let t = tensors.first(where: { $0.name == tensorName }) else {
                    throw .malformed(path, "no tensor named '\(tensorName)'; the file holds \(names)")
                }
                return t
            }
            if tensors.count == 1 { return tensors[0] }
            for name in preferredTensorNames { if let t = tensors.first(where: { $0.name == name }) { return t } }
            throw .malformed(path, "the file holds \(names.isEmpty ? "no tensors" : "\(names)"); say which one with --tensor NAME")
        default:
            throw .unsupported(path, "unknown extension '.\(ext)': give a .safetensors or .npy file")
        }
    }

    /// A model from a layer-0 table and the training interactions it was trained on.
    ///
    /// - Parameters:
    ///   - table: `(U + I) × D`, users first.
    ///   - train: the training interactions (`U` users × `I` items): the propagation graph and the
    ///     items excluded from each user's ranking.
    ///   - layers: number of propagation layers `L` used in training (PyG's `num_layers`).
    ///   - datasetName: for display.
    /// - Throws: ``TensorFileError/shapeMismatch(_:)`` when the table has the wrong number of rows,
    ///   no columns, or a value that is not finite, or `layers < 0`.
    public static func model(table: NamedTensor, train: InteractionMatrix, layers: Int,
                             datasetName: String) throws(TensorFileError) -> TrainedModel {
        guard layers >= 0 else { throw .shapeMismatch("--layers must be ≥ 0, got \(layers)") }
        let nodes = train.userCount + train.itemCount
        guard table.rows == nodes else {
            throw .shapeMismatch("""
                the table '\(table.name)' has \(table.rows) rows but the data have \(train.userCount) users + \
                \(train.itemCount) items = \(nodes) nodes; the table must hold one row per node, users first \
                (PyG's homogeneous numbering: item i is row \(train.userCount) + i)
                """)
        }
        guard table.columns >= 1 else { throw .shapeMismatch("the table '\(table.name)' has no columns") }
        if let bad = table.values.firstIndex(where: { !$0.isFinite }) {
            throw .shapeMismatch("the table '\(table.name)' holds a non-finite value at row \(bad / table.columns), column \(bad % table.columns)")
        }
        var configuration = TrainingConfiguration()
        configuration.layers = layers
        configuration.dimension = table.columns
        configuration.epochs = 0
        return TrainedModel(configuration: configuration, datasetName: datasetName, embedding: table.matrix(),
                            train: train, history: [])
    }
}
