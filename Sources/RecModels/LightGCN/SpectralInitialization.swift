import Foundation
import RecData
import RecKernels

/// A data-dependent start for LightGCN's layer-0 table, from the leading singular vectors of
/// the normalised interaction matrix, so that BPR training starts from a ranking that already
/// reflects the graph's low-frequency structure instead of from noise.
///
/// With `R̃ = D_U^{-1/2} R D_I^{-1/2}` (the user–item block of LightGCN's `Â`) and its truncated
/// SVD `R̃ ≈ U_d Σ_d V_dᵀ`, the singular vectors are invariant under propagation:
/// `Â [U_d; V_d] = [U_d Σ; V_d Σ]`. Setting
///
///     E⁰_users = U_d · diag(s),   E⁰_items = V_d · diag(s),   s_c = β · σ_c^{p/2} / h(σ_c),
///     h(σ) = Σₗ αₗ σˡ   (the layer combination; (1 + σ + … + σᴸ)/(L+1) for uniform α)
///
/// makes LightGCN's initial scores exactly `ŷ_ui = β² Σ_c σ_c^p U_uc V_ic`, a low-rank filter
/// of the graph (p = 1 is the rank-d reconstruction of R̃). `β` is chosen so that the table's
/// root-mean-square entry equals `rootMeanSquare` (0.1, the authors' N(0, 0.1) scale, by
/// default), which keeps Adam's steps on the usual scale.
///
/// The model stays LightGCN: only the starting point of the table differs. Users or items
/// without training interactions get zero rows.
public struct SpectralInitialization: Sendable, Equatable {
    /// The exponent `p` of the singular values in the initial scores.
    public var exponent: Double
    /// The target root-mean-square entry of the table.
    public var rootMeanSquare: Double
    /// Power iterations of the randomised SVD.
    public var powerIterations: Int
    /// Seed of the randomised SVD's test matrix.
    public var seed: UInt64

    /// An initialisation; see the properties for the meaning of each value.
    public init(exponent: Double = 1, rootMeanSquare: Double = 0.1, powerIterations: Int = 4, seed: UInt64 = 2020) {
        self.exponent = exponent
        self.rootMeanSquare = rootMeanSquare
        self.powerIterations = powerIterations
        self.seed = seed
    }

    /// The `(users + items) × dimension` table for `train`, users first, for a model whose layer
    /// weights are `alpha` (one per layer, layer 0 first).
    ///
    /// - Complexity: the randomised SVD: `2q + 3` sparse products with `d + 32` columns, and
    ///   CholeskyQR on `(U + I) × (d + 32)` blocks.
    public func table(train: InteractionMatrix, dimension: Int, alpha: [Double]) -> Matrix<Float> {
        let users = train.userCount, items = train.itemCount
        let userScale = (0..<users).map { u -> Float in
            let d = train.itemsOfUser.count(ofRow: u)
            return d == 0 ? 0 : 1 / Float(d).squareRoot()
        }
        let itemScale = train.itemPopularity.map { $0 == 0 ? Float(0) : 1 / Float($0).squareRoot() }
        var values = [Float]()
        values.reserveCapacity(train.interactionCount)
        for u in 0..<users {
            for i in train.itemsOfUser.row(u) { values.append(userScale[u] * itemScale[Int(i)]) }
        }
        let normalized = SparseMatrix(rows: users, columns: items, rowOffsets: train.itemsOfUser.offsets,
                                      columnIndices: train.itemsOfUser.indices, values: values)
        var generator = SeededGenerator(seed: seed)
        let svd = RandomizedSVD.decompose(normalized, rank: dimension, powerIterations: powerIterations,
                                          generator: &generator)
        let v = svd.rightSingularVectors, k = v.columns
        // U = R̃ V Σ⁻¹ (columns with σ = 0 stay zero).
        let u = Matrix<Float>(rows: users, columns: k)
        normalized.multiply(v, into: u)
        let table = Matrix<Float>(rows: users + items, columns: dimension)
        var scale = [Float](repeating: 0, count: k)
        for c in 0..<k {
            let sigma = Double(svd.singularValues[c])
            guard sigma > 1e-12 else { continue }
            let h = alpha.enumerated().reduce(0.0) { $0 + $1.element * pow(sigma, Double($1.offset)) }
            scale[c] = h > 0 ? Float(pow(sigma, exponent / 2) / h) : 0
            let inverse = Float(1 / sigma)
            for row in 0..<users { u[row, c] *= inverse }
        }
        var squares = 0.0
        for row in 0..<users {
            for c in 0..<k {
                let x = u[row, c] * scale[c]
                table[row, c] = x
                squares += Double(x * x)
            }
        }
        for row in 0..<items {
            for c in 0..<k {
                let x = v[row, c] * scale[c]
                table[users + row, c] = x
                squares += Double(x * x)
            }
        }
        let rms = (squares / Double(max(1, table.count))).squareRoot()
        if rms > 0 {
            let beta = Float(rootMeanSquare / rms)
            table.scale(by: beta)
        }
        return table
    }
}
