import Testing
@testable import RecKernels

@Suite("Fused, row-restricted and scattering sparse products")
struct FusedSparseKernelTests {
    static func problem(seed: UInt64, d: Int = 20) -> (SparseMatrix<Double>, Matrix<Double>, Matrix<Double>) {
        var g = SeededGenerator(seed: seed)
        let n = 60, nnz = 400
        let a = SparseMatrix<Double>(
            rows: n, columns: n, rowIndices: (0..<nnz).map { _ in g.nextIndex(below: n) },
            columnIndices: (0..<nnz).map { _ in g.nextIndex(below: n) },
            values: (0..<nnz).map { _ in Double.random(in: -1...1, using: &g) })
        let x = Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in Double.random(in: -1...1, using: &g) })
        let z = Matrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in Double.random(in: -1...1, using: &g) })
        return (a, x, z)
    }

    @Test("y = a·A·x + b·z equals the reference", arguments: [3, 16, 64, 70])
    func fused(d: Int) {
        let (a, x, z) = Self.problem(seed: UInt64(d), d: d)
        let y = Matrix<Double>(rows: 60, columns: d)
        a.multiply(x, scaledBy: 0.7, adding: z, scaledBy: -1.3, into: y)
        let ax = a.referenceMultiply(x.rowArrays)
        for r in 0..<60 { for c in 0..<d { #expect(abs(y[r, c] - (0.7 * ax[r][c] - 1.3 * z[r, c])) < 1e-12) } }
    }

    @Test("an addend listed by rows gives the fused product's numbers bit for bit", arguments: [20, 64])
    func rowListedAddend(d: Int) {
        let (a, x, full) = Self.problem(seed: 30 + UInt64(d), d: d)
        let listed: [Int32] = [44, 3, 17, 59, 0]
        let z = Matrix<Double>(rows: 60, columns: d)
        for r in listed { for c in 0..<d { z[Int(r), c] = full[Int(r), c] } }
        let fused = Matrix<Double>(rows: 60, columns: d), split = Matrix<Double>(rows: 60, columns: d)
        a.multiply(x, scaledBy: 0.7, adding: z, scaledBy: -1.3, into: fused)
        split.fill(with: 42)
        a.multiply(x, scaledBy: 0.7, addingRows: z, scaledBy: -1.3, rows: listed, into: split)
        #expect(split.values == fused.values)
    }

    @Test("row-restricted product computes the listed rows and leaves the others")
    func onlyRows() {
        let (a, x, z) = Self.problem(seed: 11)
        let y = Matrix<Double>(rows: 60, columns: 20)
        y.fill(with: 42)
        let listed: [Int32] = [5, 0, 59, 17]
        a.multiply(x, scaledBy: 2, adding: z, scaledBy: 0.5, into: y, onlyRows: listed)
        let ax = a.referenceMultiply(x.rowArrays)
        for r in 0..<60 {
            for c in 0..<20 {
                let expected = listed.contains(Int32(r)) ? 2 * ax[r][c] + 0.5 * z[r, c] : 42
                #expect(abs(y[r, c] - expected) < 1e-12)
            }
        }
    }

    @Test("scatter from a few rows equals the transposed product", arguments: [1, 3, 8])
    func scatter(chunks: Int) {
        let (a, x, _) = Self.problem(seed: 5)
        let rowsWithValues: [Int32] = [3, 40, 7, 22]
        for r in 0..<60 where !rowsWithValues.contains(Int32(r)) { for c in 0..<20 { x[r, c] = 0 } }
        let y = Matrix<Double>(rows: 60, columns: 20)
        y.fill(with: 9)   // must be overwritten
        a.scatterTransposedMultiply(x, nonZeroRows: rowsWithValues, scaledBy: 1.5, into: y, chunks: chunks)
        let expected = a.transposed().referenceMultiply(x.rowArrays)
        for r in 0..<60 { for c in 0..<20 { #expect(abs(y[r, c] - 1.5 * expected[r][c]) < 1e-12) } }
    }
}
