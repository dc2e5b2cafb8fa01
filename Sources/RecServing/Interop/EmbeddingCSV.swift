import Foundation

/// Embeddings as CSV: a header `id,v0,v1,…,v{D-1}`, then one line per row, `id` being the row
/// index (the dense user, item or node id). Values are printed in their shortest exact form,
/// so reading them back gives the same `Float`s.
public enum EmbeddingCSV {
    /// The CSV text of `tensor`.
    public static func encode(_ tensor: NamedTensor) -> Data {
        var text = "id," + (0..<tensor.columns).map { "v\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(tensor.values.count * 12)
        for r in 0..<tensor.rows {
            text += String(r)
            for c in 0..<tensor.columns {
                text += ","
                text += tensor.values[r * tensor.columns + c].description
            }
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// Writes `tensor` to `path` atomically.
    public static func write(_ tensor: NamedTensor, to path: String) throws(TensorFileError) {
        try AtomicFileWriter.write(encode(tensor), to: path)
    }

    /// Parses CSV written by ``encode(_:)`` (rows must be in id order `0, 1, …`).
    public static func decode(_ data: Data, name: String, path: String) throws(TensorFileError) -> NamedTensor {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { throw .malformed(path, "the CSV file is empty") }
        let columns = header.split(separator: ",").count - 1
        var values: [Float] = []
        values.reserveCapacity((lines.count - 1) * columns)
        for (n, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns + 1, Int(fields[0]) == n else {
                throw .malformed(path, "line \(n + 2): expected id \(n) and \(columns) values")
            }
            for field in fields.dropFirst() {
                guard let v = Float(field) else { throw .malformed(path, "line \(n + 2): '\(field)' is not a number") }
                values.append(v)
            }
        }
        return NamedTensor(name: name, rows: lines.count - 1, columns: columns, values: values)
    }
}
