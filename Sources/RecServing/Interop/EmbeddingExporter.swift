import Foundation
import RecKernels
import RecModels
import RecTraining

/// Writes a trained model's embeddings for use elsewhere (NumPy, PyTorch, pandas):
///
/// - `user_embedding`: the final user embeddings, `U × D` (`out[:U]` in PyG's terms);
/// - `item_embedding`: the final item embeddings, `I × D` (`out[U:]`);
/// - `embedding_layer0`: the layer-0 table `E`, `(U + I) × D`, users first (PyG's `model.embedding.weight`).
///
/// The final embeddings are `out = Σ_l α_l Â^l E` over the training graph, so
/// `user_embedding @ item_embedding.T` are the model's scores: for a model trained with
/// `--score cosine` the rows are scaled to unit length, and for a feature model with a popularity
/// prior the tables have one more column (`w` for users, `ln(1 + n_i)` for items). Row `r` is dense index `r`;
/// when the model records the dataset's ids, ``export(_:format:to:)`` also writes them
/// (`user_ids.json`, `item_ids.json`, and the `id` column of the CSV files).
public enum EmbeddingExporter {
    /// Tensor names, in the order they are written.
    public static let tensorNames = ["user_embedding", "item_embedding", "embedding_layer0"]
    /// Files of the ids of the rows of `user_embedding` and `item_embedding` (JSON arrays of
    /// strings), written beside npy and csv exports of models with a catalog.
    public static let idFileNames = ["user_ids.json", "item_ids.json"]

    /// The three tensors of `model` (propagates once).
    public static func tensors(of model: TrainedModel) -> [NamedTensor] {
        let recommender = model.recommender()
        return [
            NamedTensor(name: "user_embedding", matrix: recommender.userEmbeddings),
            NamedTensor(name: "item_embedding", matrix: recommender.itemEmbeddings),
            NamedTensor(name: "embedding_layer0", matrix: model.embedding),
        ]
    }

    /// Writes the tensors of `model` in `format` (see ``write(_:format:to:ids:)``), with the
    /// dataset's user and item ids when the model records them.
    ///
    /// - Returns: the paths written.
    @discardableResult
    public static func export(_ model: TrainedModel, format: ExportFormat, to path: String) throws(TensorFileError) -> [String] {
        let ids = model.catalog.map { ["user_embedding": $0.users.ids, "item_embedding": $0.items.ids] } ?? [:]
        return try write(tensors(of: model), format: format, to: path, ids: ids)
    }

    /// The tensors of a saved model of any kind: the three of ``tensors(of:)`` for the LightGCN
    /// family; `user_embedding` and `item_embedding` for LR-GCCF (the concatenated layers) and
    /// iALS (the factors); the fitted arrays for EASE (`item_weights`, `I × I`), GF-CF
    /// (`low_pass_query`, `low_pass_items`) and popularity (`item_popularity`, `1 × I`).
    ///
    /// - Throws: ``TensorFileError/unsupported(_:_:)`` for ItemKNN, whose neighbour lists are
    ///   sparse (`source` names the model file in the message).
    public static func tensors(of model: SavedModel, source: String) throws(TensorFileError) -> [NamedTensor] {
        if let trained = model.trainedModel { return tensors(of: trained) }
        switch model.recommender {
        case let lrgccf as LRGCCFRecommender:
            return [NamedTensor(name: "user_embedding", matrix: lrgccf.embeddings.userEmbeddings),
                    NamedTensor(name: "item_embedding", matrix: lrgccf.embeddings.itemEmbeddings)]
        case let ials as ImplicitALSRecommender:
            return [NamedTensor(name: "user_embedding", matrix: ials.userFactors),
                    NamedTensor(name: "item_embedding", matrix: ials.itemFactors)]
        case let ease as EASERecommender:
            return [NamedTensor(name: "item_weights", matrix: ease.itemWeights)]
        case let gfcf as GFCFRecommender:
            return [NamedTensor(name: "low_pass_query", matrix: gfcf.lowPassQuery),
                    NamedTensor(name: "low_pass_items", matrix: gfcf.lowPassItems)]
        case let popularity as PopularityRecommender:
            return [NamedTensor(name: "item_popularity", rows: 1, columns: popularity.itemCount,
                                values: popularity.itemPopularity.map { Float($0) })]
        default:
            throw .unsupported(source, "\(model.kind.displayName) models have no dense tables to export "
                               + "(its item neighbourhoods are sparse lists)")
        }
    }

    /// Writes the tensors of a saved model of any kind (``tensors(of:source:)``) in `format`, with
    /// the dataset's ids where a tensor has one row per user or item.
    ///
    /// - Returns: the paths written.
    @discardableResult
    public static func export(_ model: SavedModel, source: String, format: ExportFormat,
                              to path: String) throws(TensorFileError) -> [String] {
        let ids = model.catalog.map { ["user_embedding": $0.users.ids, "item_embedding": $0.items.ids] } ?? [:]
        return try write(tensors(of: model, source: source), format: format, to: path, ids: ids)
    }

    /// Writes `tensors` in `format`: a single file at `path` for safetensors; for npy and csv a
    /// directory at `path` (created if needed) with one `NAME.npy` / `NAME.csv` per tensor, and,
    /// for the tensors that `ids` names, the row ids (`user_ids.json` for `user_embedding`,
    /// `item_ids.json` for `item_embedding`, and the CSV's `id` column). safetensors files hold
    /// tensors only. Every file is written atomically.
    ///
    /// - Returns: the paths written.
    @discardableResult
    public static func write(_ tensors: [NamedTensor], format: ExportFormat, to path: String,
                             ids: [String: [String]] = [:]) throws(TensorFileError) -> [String] {
        switch format {
        case .safetensors:
            try SafetensorsFile.write(tensors, to: path)
            return [path]
        case .npy, .csv:
            try AtomicFileWriter.makeDirectory(path)
            let directory = URL(fileURLWithPath: path)
            var written: [String] = []
            for tensor in tensors {
                let file = directory.appendingPathComponent("\(tensor.name).\(format.rawValue)").path
                let rowIDs = ids[tensor.name].flatMap { $0.count == tensor.rows ? $0 : nil }
                if format == .npy { try NPYFile.write(tensor, to: file) } else { try EmbeddingCSV.write(tensor, ids: rowIDs, to: file) }
                written.append(file)
            }
            for (tensorName, fileName) in zip(tensorNames.prefix(2), idFileNames) {
                guard let rowIDs = ids[tensorName] else { continue }
                let file = directory.appendingPathComponent(fileName).path
                guard let json = try? JSONEncoder().encode(rowIDs) else { throw .unwritable(file, "could not encode the ids") }
                try AtomicFileWriter.write(json, to: file)
                written.append(file)
            }
            return written
        }
    }
}
