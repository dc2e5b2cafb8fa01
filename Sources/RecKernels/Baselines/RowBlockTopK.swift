/// Top-k selection over rows that are scored densely, a block of rows at a time: the score
/// block is a `Matrix<Float>` owned here (at most `batchSize × columns`), so callers fill rows
/// through `Matrix` methods and never hold pointers.
public enum RowBlockTopK {
    /// For every row `q` in `0..<count`: `fill(first, rows, block)` writes the scores of rows
    /// `first ..< first + rows` into block rows `0 ..< rows` (it may run in parallel itself and
    /// must overwrite every entry it is responsible for: the block starts with unspecified
    /// values and keeps those of the previous batch); each row is then masked with
    /// `masks(q)` (``CandidateMask/apply(to:count:)``: ineligible entries become −∞), its best
    /// `k` are selected with ``TopKSelector`` (best first, ties towards the smaller index, −∞
    /// never returned), and `result(q, selection)` is stored at position `q`. Rows of a block
    /// are selected in parallel.
    @inlinable
    public static func select<T>(
        count: Int, columns: Int, k: Int, batchSize: Int, masks: (Int) -> CandidateMask,
        fill: (_ first: Int, _ rows: Int, _ block: Matrix<Float>) -> Void,
        result: (_ row: Int, _ selection: [(index: Int, score: Float)]) -> T
    ) -> [T] {
        precondition(k >= 1 && columns >= 1 && batchSize >= 1, "RowBlockTopK: k, columns and batchSize must be positive")
        guard count > 0 else { return [] }
        let block = Matrix<Float>(uninitializedRows: min(batchSize, count), columns: columns)
        return [T](unsafeUninitializedCapacity: count) { out, initialized in
            let base = out.baseAddress!
            var start = 0
            while start < count {
                let end = min(count, start + batchSize)
                let rows = end - start
                fill(start, rows, block)
                let chunks = min(rows, defaultParallelChunks)
                let first = start
                parallelFor(chunks) { chunk in
                    var selector = TopKSelector<Float>(k: k)
                    var r = chunk
                    while r < rows {
                        let row = block.row(r)
                        masks(first + r).apply(to: row, count: columns)
                        (base + first + r).initialize(to: result(first + r, selector.select(UnsafePointer(row), count: columns)))
                        r += chunks
                    }
                }
                start = end
            }
            initialized = count
        }
    }
}
