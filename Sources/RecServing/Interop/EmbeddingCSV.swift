import Foundation

/// Embeddings as CSV: a header `id,v0,v1,…,v{D-1}`, then one line per row. `id` is the row's
/// external id when one is given (the dataset's user or item id, quoted as RFC 4180 requires when
/// it holds a comma, quote or line break), the row index otherwise. Values are printed in their
/// shortest exact form, so reading them back gives the same `Float`s.
///
/// In pandas: `pd.read_csv("item_embedding.csv", index_col="id", dtype={"id": str})`.
public enum EmbeddingCSV {
    /// The CSV text of `tensor`, with `ids` (one per row) in the `id` column, or the row index.
    ///
    /// - Precondition: `ids` is nil or has `tensor.rows` entries.
    public static func encode(_ tensor: NamedTensor, ids: [String]? = nil) -> Data {
        precondition(ids.map { $0.count == tensor.rows } ?? true, "EmbeddingCSV: \(ids?.count ?? 0) ids for \(tensor.rows) rows")
        var text = "id," + (0..<tensor.columns).map { "v\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(tensor.values.count * 12)
        for r in 0..<tensor.rows {
            text += ids.map { field($0[r]) } ?? String(r)
            for c in 0..<tensor.columns {
                text += ","
                text += tensor.values[r * tensor.columns + c].description
            }
            text += "\n"
        }
        return Data(text.utf8)
    }

    /// Writes `tensor` (and its row ids, if given) to `path` atomically.
    public static func write(_ tensor: NamedTensor, ids: [String]? = nil, to path: String) throws(TensorFileError) {
        try AtomicFileWriter.write(encode(tensor, ids: ids), to: path)
    }

    /// Parses CSV written by ``encode(_:ids:)``: the tensor and the `id` column.
    public static func decode(_ data: Data, name: String, path: String) throws(TensorFileError) -> (tensor: NamedTensor, ids: [String]) {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { throw .malformed(path, "the CSV file is empty") }
        let columns = header.split(separator: ",").count - 1
        var values: [Float] = []
        var ids: [String] = []
        values.reserveCapacity((lines.count - 1) * columns)
        for (n, line) in lines.dropFirst().enumerated() {
            guard let (id, rest) = splitID(line) else { throw .malformed(path, "line \(n + 2): unterminated quoted id") }
            let fields = rest.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns else { throw .malformed(path, "line \(n + 2): expected an id and \(columns) values") }
            for field in fields {
                guard let v = Float(field) else { throw .malformed(path, "line \(n + 2): '\(field)' is not a number") }
                values.append(v)
            }
            ids.append(id)
        }
        return (NamedTensor(name: name, rows: lines.count - 1, columns: columns, values: values), ids)
    }

    /// `id` as a CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break.
    static func field(_ id: String) -> String {
        guard id.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return id }
        return "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The first field of `line` (unquoted) and the text after its comma; nil for a bad quote.
    static func splitID(_ line: Substring) -> (String, Substring)? {
        guard line.first == "\"" else {
            guard let comma = line.firstIndex(of: ",") else { return (String(line), "") }
            return (String(line[..<comma]), line[line.index(after: comma)...])
        }
        var id = ""
        var i = line.index(after: line.startIndex)
        while i < line.endIndex {
            let ch = line[i]
            let next = line.index(after: i)
            if ch == "\"" {
                if next < line.endIndex && line[next] == "\"" { id.append("\""); i = line.index(after: next); continue }
                guard next < line.endIndex, line[next] == "," else { return next == line.endIndex ? (id, "") : nil }
                return (id, line[line.index(after: next)...])
            }
            id.append(ch)
            i = next
        }
        return nil
    }
}
