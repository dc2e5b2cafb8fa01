extension Matrix {
    /// `self[r] += a · (source[i] − source[j])`, element by element (the difference is rounded
    /// first, then scaled, then added: the same numbers as the scalar loop).
    @inlinable
    public func addRow(_ r: Int, scaledDifference a: Scalar, of source: Matrix<Scalar>, _ i: Int, _ j: Int) {
        precondition(source.columns == columns && r >= 0 && r < rows && i >= 0 && i < source.rows && j >= 0 && j < source.rows,
                     "addRow: row or shape outside the matrices")
        let target = storage + r * columns, x = source.storage + i * columns, y = source.storage + j * columns
        for c in 0..<columns { target[c] += a * (x[c] - y[c]) }
    }

    /// `self[r] += a · source[s]`, element by element.
    @inlinable
    public func addRow(_ r: Int, scaled a: Scalar, of source: Matrix<Scalar>, row s: Int) {
        precondition(source.columns == columns && r >= 0 && r < rows && s >= 0 && s < source.rows,
                     "addRow: row or shape outside the matrices")
        let target = storage + r * columns, x = source.storage + s * columns
        for c in 0..<columns { target[c] += a * x[c] }
    }

    /// `self[r] += a · source[s]`, element by element, in the same pass as `Σ_c source[s, c]²`
    /// (summed in column order), which it returns: an L2 penalty's gradient and value.
    @inlinable
    public func addRowReturningSquares(_ r: Int, scaled a: Scalar, of source: Matrix<Scalar>, row s: Int) -> Scalar {
        precondition(source.columns == columns && r >= 0 && r < rows && s >= 0 && s < source.rows,
                     "addRowReturningSquares: row or shape outside the matrices")
        let target = storage + r * columns, x = source.storage + s * columns
        var squares: Scalar = 0
        for c in 0..<columns { squares += x[c] * x[c]; target[c] += a * x[c] }
        return squares
    }

    /// `y[c] += a · self[r, c]` for every column `c`, element by element (`y` has one value per column).
    @inlinable
    public func addRow(_ r: Int, scaled a: Scalar, into y: inout [Scalar]) {
        precondition(r >= 0 && r < rows && y.count == columns, "addRow: row \(r) or length \(y.count) outside the matrix")
        let x = storage + r * columns
        for c in 0..<columns { y[c] += a * x[c] }
    }

    /// `self[r] += source[s]`, element by element.
    @inlinable
    public func addRow(_ r: Int, of source: Matrix<Scalar>, row s: Int) {
        precondition(source.columns == columns && r >= 0 && r < rows && s >= 0 && s < source.rows,
                     "addRow: row or shape outside the matrices")
        let target = storage + r * columns, x = source.storage + s * columns
        for c in 0..<columns { target[c] += x[c] }
    }

    /// `Σ_c self[r, c] · (other[i, c] − other[j, c])`, summed in column order.
    @inlinable
    public func rowDot(_ r: Int, differenceOf other: Matrix<Scalar>, _ i: Int, _ j: Int) -> Scalar {
        precondition(other.columns == columns && r >= 0 && r < rows && i >= 0 && i < other.rows && j >= 0 && j < other.rows,
                     "rowDot: row or shape outside the matrices")
        let a = storage + r * columns, x = other.storage + i * columns, y = other.storage + j * columns
        var sum: Scalar = 0
        for c in 0..<columns { sum += a[c] * (x[c] - y[c]) }
        return sum
    }

    /// `Σ_c self[r, c] · other[s, c]`, summed in column order.
    @inlinable
    public func rowDot(_ r: Int, _ other: Matrix<Scalar>, _ s: Int) -> Scalar {
        precondition(other.columns == columns && r >= 0 && r < rows && s >= 0 && s < other.rows,
                     "rowDot: row or shape outside the matrices")
        let a = storage + r * columns, x = other.storage + s * columns
        var sum: Scalar = 0
        for c in 0..<columns { sum += a[c] * x[c] }
        return sum
    }
}

extension Matrix where Scalar == Float {
    /// ⟨self[r], other[s]⟩ accumulated in 16 lanes, the lanes then summed, then the columns past
    /// the last multiple of 16 one by one: the order of the SIMD kernels (faster than, and not
    /// bit-equal to, the column order of ``rowDot(_:_:_:)``).
    @inlinable
    public func laneDot(_ r: Int, _ other: Matrix<Float>, _ s: Int) -> Float {
        precondition(other.columns == columns && r >= 0 && r < rows && s >= 0 && s < other.rows,
                     "laneDot: row or shape outside the matrices")
        return LaneArithmetic.dot(storage + r * columns, other.storage + s * other.columns, columns)
    }
}
