import RecKernels

/// Seeded random dense inputs for the dense-kernel tests.
enum DenseTestData {
    /// A `rows × columns` matrix with entries uniform in `[-1, 1)`.
    static func matrix(rows: Int, columns: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns,
                      values: (0..<(rows * columns)).map { _ in Float.random(in: -1..<1, using: &g) })
    }

    /// A symmetric positive-definite `n × n` matrix `MᵀM/n + ridge·I` (both triangles filled).
    static func positiveDefinite(_ n: Int, ridge: Float = 0.5, seed: UInt64) -> Matrix<Float> {
        let m = matrix(rows: n, columns: n, seed: seed)
        let a = Matrix<Float>(rows: n, columns: n)
        for i in 0..<n {
            for j in 0...i {
                var s = 0.0
                for k in 0..<n { s += Double(m[k, i]) * Double(m[k, j]) }
                let v = Float(s / Double(n)) + (i == j ? ridge : 0)
                a[i, j] = v
                a[j, i] = v
            }
        }
        return a
    }

    /// Rows of a matrix as `Double`.
    static func doubles(_ m: Matrix<Float>) -> [[Double]] { m.rowArrays.map { $0.map(Double.init) } }

    /// Largest absolute entry of `a − b`.
    static func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
        var worst = 0.0
        for (x, y) in zip(a, b) { for (u, v) in zip(x, y) { worst = max(worst, abs(u - v)) } }
        return worst
    }
}
