extension Matrix {
    /// `compact[k] = self[rows[k]]` for every k: the listed rows copied into consecutive rows of
    /// `compact` (`rows.count × columns`), in parallel when there are many.
    @inlinable
    public func gatherRows(_ rows: [Int32], into compact: Matrix<Scalar>) {
        precondition(compact.rows == rows.count && compact.columns == columns, "gatherRows: shape mismatch")
        let d = columns, source = storage, target = compact.storage, n = rows.count
        let chunks = n * d < 1 << 15 ? 1 : 8
        parallelFor(chunks) { c in
            for k in (n * c / chunks)..<(n * (c + 1) / chunks) {
                let r = Int(rows[k])
                precondition(r >= 0 && r < self.rows, "gatherRows: row \(r) outside 0..<\(self.rows)")
                (target + k * d).update(from: source + r * d, count: d)
            }
        }
    }

    /// `self[rows[k]] = compact[k]` for every k: the inverse of ``gatherRows(_:into:)``; other
    /// rows are left as they are. The listed rows must be distinct.
    @inlinable
    public func scatterRows(_ rows: [Int32], from compact: Matrix<Scalar>) {
        precondition(compact.rows == rows.count && compact.columns == columns, "scatterRows: shape mismatch")
        let d = columns, source = compact.storage, target = storage, n = rows.count
        let chunks = n * d < 1 << 15 ? 1 : 8
        parallelFor(chunks) { c in
            for k in (n * c / chunks)..<(n * (c + 1) / chunks) {
                let r = Int(rows[k])
                precondition(r >= 0 && r < self.rows, "scatterRows: row \(r) outside 0..<\(self.rows)")
                (target + r * d).update(from: source + k * d, count: d)
            }
        }
    }

    /// Sets the listed rows to zero (other rows are left as they are).
    @inlinable
    public func zeroRows(_ rows: [Int32]) {
        let d = columns
        for r in rows {
            precondition(r >= 0 && Int(r) < self.rows, "zeroRows: row \(r) outside 0..<\(self.rows)")
            (storage + Int(r) * d).update(repeating: 0, count: d)
        }
    }

    /// `compact[k][offset ..< offset + columns] = self[rows[k]]` for every k: the listed rows
    /// copied into a column block of a wider `compact` (`rows.count × ≥ offset + columns`).
    @inlinable
    public func gatherRows(_ rows: [Int32], into compact: Matrix<Scalar>, atColumn offset: Int) {
        precondition(compact.rows == rows.count && offset >= 0 && offset + columns <= compact.columns,
                     "gatherRows: shape mismatch")
        let d = columns, wide = compact.columns
        for (k, r) in rows.enumerated() {
            precondition(r >= 0 && Int(r) < self.rows, "gatherRows: row \(r) outside 0..<\(self.rows)")
            (compact.storage + k * wide + offset).update(from: storage + Int(r) * d, count: d)
        }
    }

    /// `self[rows[k]] = compact[k][offset ..< offset + columns]` for every k: the inverse of
    /// ``gatherRows(_:into:atColumn:)``. The listed rows must be distinct.
    @inlinable
    public func scatterRows(_ rows: [Int32], from compact: Matrix<Scalar>, atColumn offset: Int) {
        precondition(compact.rows == rows.count && offset >= 0 && offset + columns <= compact.columns,
                     "scatterRows: shape mismatch")
        let d = columns, wide = compact.columns
        for (k, r) in rows.enumerated() {
            precondition(r >= 0 && Int(r) < self.rows, "scatterRows: row \(r) outside 0..<\(self.rows)")
            (storage + Int(r) * d).update(from: compact.storage + k * wide + offset, count: d)
        }
    }
}
