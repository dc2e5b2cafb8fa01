import Testing
import RecKernels

@Suite("Cholesky, SPD inverse and small solvers")
struct FactorizationTests {
    @Test("blocked Cholesky: L·Lᵀ = A and L matches the Double reference", arguments: [(1, 4), (50, 16), (130, 48), (130, 256)])
    func cholesky(shape: (Int, Int)) throws {
        let (n, block) = shape
        let a = DenseTestData.positiveDefinite(n, seed: UInt64(n))
        let chol = try CholeskyFactorization(a, blockSize: block)
        let l = DenseTestData.doubles(chol.factor)
        var reference = DenseTestData.doubles(a).flatMap { $0 }
        try SmallDenseSolver.choleskyFactor(&reference, n: n)
        var worstFactor = 0.0, worstProduct = 0.0
        for i in 0..<n {
            for j in 0..<n {
                worstFactor = max(worstFactor, abs(l[i][j] - reference[i * n + j]))
                var s = 0.0
                for k in 0...min(i, j) { s += l[i][k] * l[j][k] }
                worstProduct = max(worstProduct, abs(s - Double(a[i, j])))
            }
        }
        #expect(worstFactor < 1e-4)
        #expect(worstProduct < 1e-4)
        // Solve.
        let x = (0..<n).map { Float(($0 % 7) - 3) }
        var b = [Float](repeating: 0, count: n)
        for i in 0..<n { var s = 0.0; for j in 0..<n { s += Double(a[i, j]) * Double(x[j]) }; b[i] = Float(s) }
        let solved = chol.solve(b)
        #expect(zip(solved, x).allSatisfy { abs($0 - $1) < 1e-3 })
    }

    @Test("Cholesky rejects an indefinite matrix")
    func choleskyRejects() {
        let a = Matrix<Float>([[1, 2], [2, 1]])
        #expect(throws: DenseLinearAlgebraError.self) { try CholeskyFactorization(a) }
    }

    @Test("SPD inverse: A·A⁻¹ = I and A⁻¹ matches the Double inverse", arguments: [(1, 256), (40, 16), (130, 48), (150, 100), (120, 256)])
    func inverse(shape: (Int, Int)) throws {
        let (n, block) = shape
        let a = DenseTestData.positiveDefinite(n, seed: UInt64(n) + 11)
        let original = DenseTestData.doubles(a)
        // Only the lower triangle is read: poison the upper one.
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { a[i, j] = .nan } }
        try PositiveDefiniteInverse.invert(a, blockSize: block)
        let inverse = DenseTestData.doubles(a)
        let product = DenseMultiply.referenceMultiply(original, inverse)
        var worstIdentity = 0.0
        for i in 0..<n { for j in 0..<n { worstIdentity = max(worstIdentity, abs(product[i][j] - (i == j ? 1 : 0))) } }
        #expect(worstIdentity < 1e-3)
        let reference = try SmallDenseSolver.inversePositiveDefinite(original.flatMap { $0 }, n: n)
        var worst = 0.0
        for i in 0..<n { for j in 0..<n { worst = max(worst, abs(inverse[i][j] - reference[i * n + j])) } }
        #expect(worst < 1e-4)
    }

    @Test("SPD inverse rejects a matrix that is not positive definite")
    func inverseRejects() {
        let a = Matrix<Float>([[2, 0, 0], [0, -1, 0], [0, 0, 3]])
        #expect(throws: DenseLinearAlgebraError.notPositiveDefinite(index: 1, value: -1)) {
            try PositiveDefiniteInverse.invert(a, blockSize: 1)
        }
    }

    @Test("small Double solvers: triangular inverse, SPD inverse and solve")
    func smallSolvers() throws {
        let n = 9
        let a = DenseTestData.doubles(DenseTestData.positiveDefinite(n, seed: 3)).flatMap { $0 }
        let inverse = try SmallDenseSolver.inversePositiveDefinite(a, n: n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += a[i * n + k] * inverse[k * n + j] }
                #expect(abs(s - (i == j ? 1 : 0)) < 1e-10)
            }
        }
        let b = (0..<n).map { Double($0) - 4 }
        let x = try SmallDenseSolver.solvePositiveDefinite(a, n: n, rhs: b)
        for i in 0..<n {
            var s = 0.0
            for k in 0..<n { s += a[i * n + k] * x[k] }
            #expect(abs(s - b[i]) < 1e-10)
        }
    }
}
