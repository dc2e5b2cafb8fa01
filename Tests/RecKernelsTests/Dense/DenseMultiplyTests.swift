import Testing
import RecKernels

@Suite("Dense GEMM")
struct DenseMultiplyTests {
    /// Shapes that exercise full tiles, ragged edges, several depth slices and the parallel path.
    @Test("C = A·B matches the triple loop", arguments: [
        (1, 1, 1), (7, 33, 5), (8, 32, 256), (19, 45, 300), (130, 70, 513), (300, 257, 64), (5, 900, 40),
    ])
    func matchesReference(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = DenseTestData.matrix(rows: m, columns: k, seed: 1)
        let b = DenseTestData.matrix(rows: k, columns: n, seed: 2)
        let c = Matrix<Float>(rows: m, columns: n)
        DenseMultiply.multiply(MatrixView(a), MatrixView(b), into: MatrixView(c))
        let expected = DenseMultiply.referenceMultiply(DenseTestData.doubles(a), DenseTestData.doubles(b))
        #expect(DenseTestData.maxDifference(DenseTestData.doubles(c), expected) < 1e-4 * Double(k).squareRoot())
    }

    @Test("transposed operands, alpha and beta")
    func transposesAlphaBeta() {
        let (m, n, k) = (45, 77, 130)
        let at = DenseTestData.matrix(rows: k, columns: m, seed: 3)   // A = atᵀ
        let bt = DenseTestData.matrix(rows: n, columns: k, seed: 4)   // B = btᵀ
        let c = DenseTestData.matrix(rows: m, columns: n, seed: 5)
        let before = DenseTestData.doubles(c)
        DenseMultiply.multiply(MatrixView(at).transposed, MatrixView(bt).transposed, into: MatrixView(c),
                               alpha: -0.5, beta: 2)
        let product = DenseMultiply.referenceMultiply(DenseTestData.doubles(at.copyTransposed()),
                                                      DenseTestData.doubles(bt.copyTransposed()))
        var expected = before
        for i in 0..<m { for j in 0..<n { expected[i][j] = 2 * before[i][j] - 0.5 * product[i][j] } }
        #expect(DenseTestData.maxDifference(DenseTestData.doubles(c), expected) < 1e-3)
    }

    @Test("lower-triangle update writes only j ≤ i", arguments: [37, 100, 261])
    func lowerTriangle(n: Int) {
        let w = DenseTestData.matrix(rows: n, columns: 20, seed: 6)
        let c = DenseTestData.matrix(rows: n, columns: n, seed: 7)
        let before = DenseTestData.doubles(c)
        DenseMultiply.multiply(MatrixView(w), MatrixView(w).transposed, into: MatrixView(c),
                               alpha: -1, beta: 1, region: .lowerTriangle)
        let wwt = DenseMultiply.referenceMultiply(DenseTestData.doubles(w), DenseTestData.doubles(w.copyTransposed()))
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                let expected = j <= i ? before[i][j] - wwt[i][j] : before[i][j]
                worst = max(worst, abs(Double(c[i, j]) - expected))
            }
        }
        #expect(worst < 1e-4)
    }

    @Test("a block view of a larger matrix")
    func blockViews() {
        let big = DenseTestData.matrix(rows: 50, columns: 60, seed: 8)
        let a = MatrixView(big).block(rows: 3..<20, columns: 5..<40)     // 17 × 35
        let b = DenseTestData.matrix(rows: 35, columns: 9, seed: 9)
        let out = Matrix<Float>(rows: 30, columns: 40)
        let c = MatrixView(out).block(rows: 10..<27, columns: 2..<11)
        DenseMultiply.multiply(a, MatrixView(b), into: c)
        let aRows = (3..<20).map { r in (5..<40).map { Double(big[r, $0]) } }
        let expected = DenseMultiply.referenceMultiply(aRows, DenseTestData.doubles(b))
        var worst = 0.0
        for i in 0..<30 {
            for j in 0..<40 {
                let inside = (10..<27).contains(i) && (2..<11).contains(j)
                let e = inside ? expected[i - 10][j - 2] : 0
                worst = max(worst, abs(Double(out[i, j]) - e))
            }
        }
        #expect(worst < 1e-4)
    }
}

extension Matrix where Scalar == Float {
    /// A transposed copy (test helper).
    func copyTransposed() -> Matrix<Float> {
        let t = Matrix<Float>(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }
}
