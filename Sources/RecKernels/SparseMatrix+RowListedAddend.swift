extension SparseMatrix {
    /// The fused product `y = a · (self · x) + b · z` for an addend `z` that is zero outside
    /// `rows` (a batch's gradient): the product runs without the addend, then `b · z` is added on
    /// the listed rows only, so the pass does not read the whole of `z`. The same numbers as
    /// ``multiply(_:scaledBy:adding:scaledBy:into:chunks:)`` with `adding: z`, except that an
    /// unlisted row's zero may keep the sign the product gave it.
    ///
    /// - Precondition: `rows` does not repeat a row; `z` has `y`'s shape and is zero elsewhere.
    @inlinable
    public func multiply(_ x: Matrix<Scalar>, scaledBy a: Scalar, addingRows z: Matrix<Scalar>, scaledBy b: Scalar,
                         rows: [Int32], into y: Matrix<Scalar>) {
        precondition(z.rows == y.rows && z.columns == y.columns, "SpMM addend shape mismatch")
        precondition(z !== y, "SpMM cannot run in place")
        multiply(x, scaledBy: a, adding: nil, scaledBy: 0, into: y)
        let d = y.columns, blocks = d / 16
        let rawZ = UnsafeRawPointer(z.storage), rawY = UnsafeMutableRawPointer(y.storage)
        let stride = MemoryLayout<Scalar>.stride
        for listed in rows {
            let r = Int(listed)
            precondition(r >= 0 && r < y.rows, "SpMM addend row \(r) outside the matrix")
            // As the fused kernel finishes a row: 16-lane blocks fused (`accumulate`), the tail
            // as a separate product and sum.
            for k in 0..<blocks {
                let o = (r * d + k * 16) * stride
                var v = rawY.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self)
                v.accumulate(rawZ.loadUnaligned(fromByteOffset: o, as: SIMD16<Scalar>.self), b)
                rawY.storeBytes(of: v, toByteOffset: o, as: SIMD16<Scalar>.self)
            }
            for c in (blocks * 16)..<d { y.storage[r * d + c] = y.storage[r * d + c] + b * z.storage[r * d + c] }
        }
    }
}
