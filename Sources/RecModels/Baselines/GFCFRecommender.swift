import RecData
import RecKernels

/// GF-CF, "How Powerful is Graph Convolution for Recommendation?" (Shen et al., CIKM 2021): a
/// training-free graph filter, the normalised item–item linear filter plus an ideal low-pass
/// filter.
///
///     R̃ = D_U^{-1/2} · R · D_I^{-1/2}          (degrees of users and items; 0⁻¹ᐟ² := 0)
///     P = R̃ᵀ·R̃                                   (linear filter, I × I)
///     V = top-k right singular vectors of R̃     (ideal low-pass filter)
///     score(u, ·) = r_u · (P + α · D_I^{-1/2}·V·Vᵀ·D_I^{1/2})
///
/// with `r_u` the binary training row of user `u`. `P` is never formed (it is dense, `4·I²`
/// bytes): `r_u·P = (r_u·R̃ᵀ)·R̃` is a two-hop walk item → users → items. `V` comes from a
/// randomised SVD (``RandomizedSVD``) instead of the authors' exact Lanczos (`sparsesvd`).
public struct GFCFRecommender: Recommender {
    /// Fit options (defaults work on the public sets without tuning).
    public struct Options: Sendable, Equatable {
        /// `k`, singular vectors in the ideal low-pass filter. Default 256 (the authors' value).
        public var rank: Int
        /// `α`, weight of the ideal low-pass filter. Default 0.3 (the authors' value; they use 0,
        /// the linear filter alone, on Amazon-Book).
        public var idealFilterWeight: Float
        /// Extra columns of the randomised SVD beyond `rank`. Default 64.
        public var oversampling: Int
        /// Power iterations of the randomised SVD. Default 6.
        public var powerIterations: Int
        /// Seed of the randomised SVD's Gaussian test matrix.
        public var seed: UInt64

        /// Options with the documented defaults.
        public init(rank: Int = 256, idealFilterWeight: Float = 0.3, oversampling: Int = 64,
                    powerIterations: Int = 6, seed: UInt64 = 2021) {
            self.rank = rank
            self.idealFilterWeight = idealFilterWeight
            self.oversampling = oversampling
            self.powerIterations = powerIterations
            self.seed = seed
        }
    }

    /// `R̃`, `U × I`.
    public let normalized: SparseMatrix<Float>
    /// `R̃ᵀ`, `I × U`.
    public let normalizedTransposed: SparseMatrix<Float>
    /// `D_I^{-1/2}·V` (`I × k`): a user's low-pass coordinates are `r_u` times this.
    public let lowPassQuery: Matrix<Float>
    /// `D_I^{1/2}·V` (`I × k`): the items' low-pass coordinates.
    public let lowPassItems: Matrix<Float>
    /// The `k` leading singular values of `R̃` (for diagnostics; `σ₁ = 1` for connected data).
    public let singularValues: [Float]
    /// The training items of each user (`r_u`).
    public let history: IndexRows
    /// The options the model was fitted with.
    public let options: Options

    /// Number of users.
    public var userCount: Int { normalized.rows }
    /// Number of items.
    public var itemCount: Int { normalized.columns }

    /// Fits the filters on `train`.
    ///
    /// - Complexity: the randomised SVD, `(2q + 3)` sparse products with `ℓ = k + oversampling`
    ///   columns (`nnz·ℓ` each) plus CholeskyQR (`O((U + I)·ℓ²)`) per iteration.
    public static func fit(train: InteractionMatrix, options: Options = Options()) throws(BaselineError) -> GFCFRecommender {
        guard options.rank >= 0, options.oversampling >= 0, options.powerIterations >= 0 else {
            throw .invalidOption(model: "GF-CF", detail: "rank, oversampling and powerIterations must be ≥ 0")
        }
        let n = train.itemCount
        let (normalized, itemScale) = normalizedInteractions(train)
        let transposed = normalized.transposed()
        var generator = SeededGenerator(seed: options.seed)
        let svd = RandomizedSVD.decompose(normalized, transpose: transposed, rank: options.rank,
                                          oversampling: options.oversampling,
                                          powerIterations: options.powerIterations, generator: &generator)
        let v = svd.rightSingularVectors
        let k = v.columns
        let query = Matrix<Float>(rows: n, columns: k), items = Matrix<Float>(rows: n, columns: k)
        for i in 0..<n {
            let down = itemScale[i], up = itemScale[i] == 0 ? 0 : 1 / itemScale[i]
            for c in 0..<k {
                query[i, c] = v[i, c] * down
                items[i, c] = v[i, c] * up
            }
        }
        return GFCFRecommender(normalized: normalized, normalizedTransposed: transposed, lowPassQuery: query,
                               lowPassItems: items, singularValues: svd.singularValues,
                               history: train.itemsOfUser, options: options)
    }

    /// `R̃ = D_U^{-1/2}·R·D_I^{-1/2}` of `train` and the item scales `D_I^{-1/2}` (0 for an item
    /// with no interaction).
    static func normalizedInteractions(_ train: InteractionMatrix) -> (SparseMatrix<Float>, [Float]) {
        let u = train.userCount, n = train.itemCount
        let userScale = (0..<u).map { user -> Float in
            let d = train.itemsOfUser.count(ofRow: user)
            return d == 0 ? 0 : 1 / Float(d).squareRoot()
        }
        let itemScale = train.itemPopularity.map { $0 == 0 ? Float(0) : 1 / Float($0).squareRoot() }
        var values = [Float]()
        values.reserveCapacity(train.interactionCount)
        for user in 0..<u {
            for item in train.itemsOfUser.row(user) { values.append(userScale[user] * itemScale[Int(item)]) }
        }
        let normalized = SparseMatrix(rows: u, columns: n, rowOffsets: train.itemsOfUser.offsets,
                                      columnIndices: train.itemsOfUser.indices, values: values)
        return (normalized, itemScale)
    }

    /// Top-k items by the GF-CF score (contract in ``Recommender``).
    ///
    /// Per batch of users: the low-pass part is one GEMM `α·(R_b·D_I^{-1/2}V)·(D_I^{1/2}V)ᵀ`, then
    /// each user's two-hop linear-filter scores are added in parallel.
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        let n = itemCount, rank = lowPassQuery.columns
        return TopKScoring.recommend(model: "GF-CF", users: users, k: k, userCount: userCount, itemCount: n,
                                     masks: masks) { batch, scores in
            let block = MatrixView(scores).block(rows: 0..<batch.count, columns: 0..<n)
            if rank > 0 && options.idealFilterWeight != 0 {
                let coordinates = Matrix<Float>(rows: batch.count, columns: rank)
                for (r, user) in batch.enumerated() {
                    coordinates.setRow(r, toSumOfRows: history.row(user), of: lowPassQuery)
                }
                DenseMultiply.multiply(MatrixView(coordinates), MatrixView(lowPassItems).transposed, into: block,
                                       alpha: options.idealFilterWeight)
            } else {
                scores.zero()
            }
            normalized.addTwoHop(lists: { history.row(batch[batch.startIndex + $0]) }, count: batch.count,
                                 transposed: normalizedTransposed, into: scores)
        }
    }
}
