import Testing
import RecKernels

/// The row kernels the training loops call, against plain element loops written here.
@Suite("Row kernels of the training step")
struct RowKernelTests {
    /// A `rows × columns` matrix of seeded values in [-1, 1).
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns,
                      values: (0..<rows * columns).map { _ in Float(g.nextIndex(below: 2000)) / 1000 - 1 })
    }

    @Test("addRows(scaledBy:) adds a·source to the listed rows only")
    func addScaledRows() {
        let source = Self.random(9, 5, seed: 1), target = Self.random(9, 5, seed: 2)
        let before = target.rowArrays, listed: [Int32] = [7, 2, 4]
        target.addRows(source, scaledBy: 0.5, rows: listed)
        for r in 0..<9 {
            let expected = listed.contains(Int32(r))
                ? (0..<5).map { before[r][$0] + 0.5 * source[r, $0] } : before[r]
            #expect(target.rowArray(r) == expected)
        }
    }

    @Test("addRowReturningSquares: the L2 gradient of one row and its squared norm in column order")
    func rowSquares() {
        let e = Self.random(6, 7, seed: 3), g = Self.random(6, 7, seed: 4)
        let before = g.rowArray(3)
        let squares = g.addRowReturningSquares(3, scaled: 0.25, of: e, row: 3)
        var expected: Float = 0
        for c in 0..<7 { expected += e[3, c] * e[3, c] }
        #expect(squares == expected)
        #expect(g.rowArray(3) == (0..<7).map { before[$0] + 0.25 * e[3, $0] })
        #expect(g.rowArray(2) == Self.random(6, 7, seed: 4).rowArray(2))
    }

    @Test("addRowsReturningSquares: each occurrence in list order, the same numbers as one row at a time",
          arguments: [40, 5000])
    func occurrenceSquares(count: Int) {
        let e = Self.random(300, 21, seed: 7)
        let parallel = Self.random(300, 21, seed: 8), serial = Self.random(300, 21, seed: 8)
        var g = SeededGenerator(seed: 9)
        // Repeated rows: with 5000 occurrences of 300 rows each row is listed ~17 times.
        let rows = (0..<count).map { _ in Int32(g.nextIndex(below: 300)) }
        let squares = parallel.addRowsReturningSquares(rows, scaled: 0.125, of: e)
        let expected = rows.map { serial.addRowReturningSquares(Int($0), scaled: 0.125, of: e, row: Int($0)) }
        #expect(squares == expected)
        #expect(parallel.values == serial.values)
        #expect(parallel.values != Self.random(300, 21, seed: 8).values)
    }

    @Test("layeredDifferenceDot is one running sum from x₀ over the layers")
    func layeredDot() {
        let layers = (0..<3).map { Self.random(8, 6, seed: 10 + UInt64($0)) }
        var expected: Float = 0.125
        for x in layers { for c in 0..<6 { expected += x[1, c] * (x[5, c] - x[6, c]) } }
        #expect(Matrix.layeredDifferenceDot(layers, 1, 5, 6, startingAt: 0.125) == expected)
        #expect(Matrix.layeredDifferenceDot([layers[0]], 1, 5, 6)
                == layers[0].rowDot(1, differenceOf: layers[0], 5, 6))
    }

    @Test("addTripleGradient adds g(x_i − x_j) to u, g·x_u to i and −g·x_u to j", arguments: [false, true])
    func tripleGradient(sameNegative: Bool) {
        let x = Self.random(8, 6, seed: 20), gradient = Self.random(8, 6, seed: 21)
        let (u, i) = (0, 4), j = sameNegative ? 4 : 7
        let expected = gradient.copy()
        for c in 0..<6 {
            let uc = x[u, c], g: Float = -0.3
            expected[u, c] += g * (x[i, c] - x[j, c])
            expected[i, c] += g * uc
            expected[j, c] -= g * uc
        }
        gradient.addTripleGradient(u, i, j, scaledBy: -0.3, of: x)
        #expect(gradient.values == expected.values)
    }

    @Test("setColumns writes a block of columns and leaves the others")
    func columnBlock() {
        let out = Matrix<Float>(rows: 4, columns: 9), block = Self.random(4, 3, seed: 30)
        out.fill(with: 7)
        out.setColumns(startingAt: 3, to: block)
        for r in 0..<4 {
            #expect(out.rowArray(r) == [7, 7, 7] + block.rowArray(r) + [7, 7, 7])
        }
    }

    @Test("layer transform products: X·W, X·Wᵀ on listed rows, and Xᵀ·T over listed rows")
    func layerTransforms() {
        let x = Self.random(70, 4, seed: 40), w = Self.random(4, 4, seed: 41), t = Self.random(70, 4, seed: 42)
        let y = Matrix<Double>(rows: 70, columns: 4)
        let xd = x.converted(to: Double.self), wd = w.converted(to: Double.self), td = t.converted(to: Double.self)
        LayerTransformProducts.multiply(xd, wd, transposed: true, into: y, rows: [3, 60])
        for r in 0..<70 {
            for c in 0..<4 {
                let expected = [3, 60].contains(r) ? (0..<4).reduce(0.0) { $0 + xd[r, $1] * wd[c, $1] } : 0
                #expect(abs(y[r, c] - expected) < 1e-12)
            }
        }
        let g = Matrix<Double>(rows: 4, columns: 4)
        LayerTransformProducts.transposedProduct(xd, td, rows: [5, 9, 69], into: g)
        for a in 0..<4 {
            for c in 0..<4 {
                let expected = [5, 9, 69].reduce(0.0) { $0 + xd[$1, a] * td[$1, c] }
                #expect(abs(g[a, c] - expected) < 1e-12)
            }
        }
    }

    @Test("Xᵀ·T over listed rows in Float: four rows at a time give the sums of one row at a time, bit for bit")
    func outerProductsFourRowsAtATime() {
        // 40 columns: two 16-lane blocks and a tail; 203 listed rows: eight slices whose
        // lengths are not multiples of four; zeros in X are skipped as before.
        let x = Self.random(300, 64, seed: 43), t = Self.random(300, 40, seed: 44)
        for r in stride(from: 0, to: 300, by: 7) { x[r, r % 64] = 0 }
        let rows = (0..<203).map { Int32(($0 * 37) % 300) }
        let g = Matrix<Float>(rows: 64, columns: 40)
        LayerTransformProducts.transposedProduct(x, t, rows: rows, into: g)
        // The reference: per slice of the rows, one row at a time; the slices' sums in order.
        let slices = 8
        var expected = [Float](repeating: 0, count: 64 * 40)
        for slice in 0..<slices {
            var partial = [Float](repeating: 0, count: 64 * 40)
            for position in (rows.count * slice / slices)..<(rows.count * (slice + 1) / slices) {
                let r = Int(rows[position])
                for a in 0..<64 where x[r, a] != 0 {
                    for c in 0..<40 { partial[a * 40 + c] += x[r, a] * t[r, c] }
                }
            }
            for e in 0..<expected.count { expected[e] += partial[e] }
        }
        #expect(g.values == expected)
    }

    @Test("X·W on many listed rows in Float (the gathered GEMM path) matches a plain loop")
    func floatRowsProduct() {
        let x = Self.random(500, 64, seed: 45), w = Self.random(64, 64, seed: 46)
        let y = Matrix<Float>(rows: 500, columns: 64)
        let rows = (0..<150).map { Int32($0 * 3 + 1) }
        LayerTransformProducts.multiply(x, w, transposed: false, into: y, rows: rows)
        let listed = Set(rows.map(Int.init))
        for r in 0..<500 {
            for c in 0..<64 {
                let expected: Float = listed.contains(r) ? (0..<64).reduce(0) { $0 + x[r, $1] * w[$1, c] } : 0
                #expect(abs(y[r, c] - expected) <= 1e-4 * max(1, abs(expected)))
            }
        }
    }
}
