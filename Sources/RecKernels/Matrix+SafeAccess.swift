extension Matrix {
    /// Element number `i` in row-major order (`i = r * columns + c`), bounds-checked.
    @inlinable public subscript(flat i: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < count, "flat index \(i) outside the matrix")
            return storage[i]
        }
        set {
            precondition(i >= 0 && i < count, "flat index \(i) outside the matrix")
            storage[i] = newValue
        }
    }

    /// `self[i] = body(i)` for every flat index `i` in row-major order, in order (so a body that
    /// draws from a generator fills the same numbers as an indexed loop).
    @inlinable public func fill(_ body: (Int) throws -> Scalar) rethrows {
        for i in 0..<count { storage[i] = try body(i) }
    }

    /// Sets every element to `value`.
    @inlinable public func fill(with value: Scalar) { storage.update(repeating: value, count: count) }

    /// `self[i] *= a` for every element.
    @inlinable public func scale(by a: Scalar) {
        for i in 0..<count { storage[i] *= a }
    }

    /// Copies `source`'s rows `range` (same column count) into `self`, starting at row `toRow`.
    @inlinable public func copyRows(_ range: Range<Int>, of source: Matrix<Scalar>, toRow: Int = 0) {
        precondition(source.columns == columns && range.lowerBound >= 0 && range.upperBound <= source.rows
                     && toRow >= 0 && toRow + range.count <= rows, "copyRows: rows or shape outside the matrices")
        (storage + toRow * columns).update(from: source.storage + range.lowerBound * columns, count: range.count * columns)
    }

    /// Rows `range` of `source` as a new matrix.
    @inlinable public convenience init(rows range: Range<Int>, of source: Matrix<Scalar>) {
        self.init(rows: range.count, columns: source.columns)
        copyRows(range, of: source)
    }

    /// Sets row `r` to `values` (`columns` of them).
    @inlinable public func setRow(_ r: Int, to values: [Scalar]) {
        precondition(r >= 0 && r < rows && values.count == columns, "setRow: row \(r) or length \(values.count) outside the matrix")
        let dst = storage + r * columns
        for c in 0..<columns { dst[c] = values[c] }
    }

    /// Sets row `r` of `self` to row `s` of `source` (same column count).
    @inlinable public func setRow(_ r: Int, toRow s: Int, of source: Matrix<Scalar>) {
        copyRows(s..<(s + 1), of: source, toRow: r)
    }

    /// `self[r, offset + c] = source[r, c]` for every row `r` and every column `c` of `source` (same
    /// row count): writes `source` as a block of columns.
    @inlinable public func setColumns(startingAt offset: Int, to source: Matrix<Scalar>) {
        precondition(source.rows == rows && offset >= 0 && offset + source.columns <= columns,
                     "setColumns: block of \(source.columns) columns at \(offset) outside \(rows) × \(columns)")
        for r in 0..<rows { (row(r) + offset).update(from: source.row(r), count: source.columns) }
    }

    /// Sets row `r` to zero.
    @inlinable public func zeroRow(_ r: Int) {
        precondition(r >= 0 && r < rows, "zeroRow: row \(r) outside the matrix")
        (storage + r * columns).update(repeating: 0, count: columns)
    }
}
