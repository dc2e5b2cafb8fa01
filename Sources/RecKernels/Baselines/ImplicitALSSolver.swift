/// One half-iteration of implicit ALS with the conjugate-gradient row solver of the `implicit`
/// library (`_least_squares_cg`): for every row `x` of `solved`, with `Y` = `fixed` and
/// `A = YᵀY + λI`, take `steps` CG steps on
///
///     (A + (c − 1)·Σ_{i ∈ row} y_i·y_iᵀ)·x = c·Σ_{i ∈ row} y_i
///
/// from the current `x`: `r = b − A_x·x`, `p = r`, then `α = rᵀr / pᵀA_x p`, `x += α·p`,
/// `r −= α·A_x p`, `p = r + (r_newᵀr_new / rᵀr)·p`. `A_x·p = A·p + (c − 1)·Σ (y_i·p)·y_i` is applied
/// without forming `A_x`. Rows run in parallel.
public struct ImplicitALSSolver: Sendable {
    public let factors: Int
    public let regularization: Float
    /// `c = 1 + α` for observed pairs.
    public let confidence: Float
    public let steps: Int

    public init(factors: Int, regularization: Float, confidence: Float, steps: Int) {
        self.factors = factors
        self.regularization = regularization
        self.confidence = confidence
        self.steps = steps
    }

    public func update(_ solved: Matrix<Float>, fixed: Matrix<Float>, rows: IndexRows) {
        let f = factors
        let gram = Matrix<Float>(rows: f, columns: f)
        DenseMultiply.multiply(MatrixView(fixed).transposed, MatrixView(fixed), into: MatrixView(gram))
        for r in 0..<f { gram[r, r] += regularization }
        let n = solved.rows
        let c = confidence
        let ranges = balancedRanges(count: n, chunks: 4 * defaultParallelChunks) { rows.offsets[$0] + $0 * f / 4 }
        parallelFor(ranges.count) { chunk in
            let work = UnsafeMutablePointer<Float>.allocate(capacity: 3 * f)
            defer { work.deallocate() }
            let r = work, p = work + f, ap = work + 2 * f
            for row in ranges[chunk] {
                let x = solved.row(row)
                let observed = rows.row(row)
                // r = b − A_x·x = Σ_i (c − (c − 1)·y_i·x)·y_i − A·x
                multiply(gram, x, into: r, negate: true)
                for item in observed {
                    let y = fixed.row(Int(item))
                    LaneArithmetic.axpy(c - (c - 1) * LaneArithmetic.dot(y, x, f), y, r, f)
                }
                p.update(from: r, count: f)
                var rsOld = LaneArithmetic.dot(r, r, f)
                if rsOld < 1e-20 { continue }
                for _ in 0..<steps {
                    multiply(gram, p, into: ap, negate: false)
                    for item in observed {
                        let y = fixed.row(Int(item))
                        LaneArithmetic.axpy((c - 1) * LaneArithmetic.dot(y, p, f), y, ap, f)
                    }
                    let alpha = rsOld / LaneArithmetic.dot(p, ap, f)
                    LaneArithmetic.axpy(alpha, p, x, f)
                    LaneArithmetic.axpy(-alpha, ap, r, f)
                    let rsNew = LaneArithmetic.dot(r, r, f)
                    if rsNew < 1e-20 { break }
                    let beta = rsNew / rsOld
                    for j in 0..<f { p[j] = r[j] + beta * p[j] }
                    rsOld = rsNew
                }
            }
        }
    }

    /// `out = ±G·v` for the symmetric `f × f` matrix `G`.
    @inline(__always)
    func multiply(_ g: Matrix<Float>, _ v: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>, negate: Bool) {
        let f = factors
        for i in 0..<f {
            let s = LaneArithmetic.dot(g.row(i), v, f)
            out[i] = negate ? -s : s
        }
    }
}
