import RecData
import RecKernels

/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky,
/// "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008), with the
/// conjugate-gradient row solver of the `implicit` library (Takács, Pilászy & Tikk 2011).
///
///     minimise  Σ_{u,i} c_ui·(p_ui − x_u·y_i)² + λ·(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)
///     p_ui = 1 if user u has item i, else 0;   c_ui = 1 + α·p_ui
///
/// Each half-iteration solves every user (then every item) row of the normal equations
/// `(YᵀY + λI + Σ_{i ∈ u} (c_ui − 1)·y_i·y_iᵀ)·x_u = Σ_{i ∈ u} c_ui·y_i` approximately, by
/// ``Options/conjugateGradientSteps`` CG steps warm-started from the previous `x_u` (`YᵀY` is
/// computed once per half-iteration). Scores are `x_u·y_i`.
public struct ImplicitALSRecommender: Recommender {
    /// Fit options (defaults work on the public sets without tuning).
    public struct Options: Sendable, Equatable {
        /// `f`, latent factors. Default 64 (the LightGCN paper's embedding size).
        public var factors: Int
        /// `λ`, the L2 weight. Default 0.01 (`implicit`'s default).
        public var regularization: Float
        /// `α`, the confidence of an observed pair is `1 + α`. Default 40 (Hu et al.'s value; on
        /// Gowalla Recall@20 is 0.141 / 0.147 / 0.149 / 0.149 for α = 10 / 20 / 40 / 80, and
        /// changes by < 0.001 for λ from 0.01 to 20).
        public var alpha: Float
        /// Alternating iterations (users, then items). Default 15 (`implicit`'s default).
        public var iterations: Int
        /// CG steps per row. Default 3 (`implicit`'s `cg_steps`).
        public var conjugateGradientSteps: Int
        /// Seed of the initial factors (uniform in `[0, 0.01)`, as `implicit` draws them).
        public var seed: UInt64

        /// Options with the documented defaults.
        public init(factors: Int = 64, regularization: Float = 0.01, alpha: Float = 40, iterations: Int = 15,
                    conjugateGradientSteps: Int = 3, seed: UInt64 = 42) {
            self.factors = factors
            self.regularization = regularization
            self.alpha = alpha
            self.iterations = iterations
            self.conjugateGradientSteps = conjugateGradientSteps
            self.seed = seed
        }
    }

    /// `X`, `U × f`.
    public let userFactors: Matrix<Float>
    /// `Y`, `I × f`.
    public let itemFactors: Matrix<Float>
    /// The objective after each iteration (``loss(train:userFactors:itemFactors:options:)``).
    public let lossHistory: [Double]
    /// The options the model was fitted with.
    public let options: Options
    @usableFromInline let scorer: InnerProductScorer<Float>

    /// Number of users.
    public var userCount: Int { userFactors.rows }
    /// Number of items.
    public var itemCount: Int { itemFactors.rows }

    /// Fits the factors on `train`.
    ///
    /// - Complexity: per iteration `O((U + I)·f²·steps + nnz·f·steps)`.
    public static func fit(train: InteractionMatrix, options: Options = Options()) throws(BaselineError) -> ImplicitALSRecommender {
        guard options.factors >= 1, options.iterations >= 0, options.conjugateGradientSteps >= 1 else {
            throw .invalidOption(model: "iALS", detail: "factors and CG steps must be ≥ 1, iterations ≥ 0")
        }
        guard options.regularization >= 0, options.alpha >= 0 else {
            throw .invalidOption(model: "iALS", detail: "regularization and alpha must be ≥ 0")
        }
        let f = options.factors
        var generator = SeededGenerator(seed: options.seed)
        func initial(_ rows: Int) -> Matrix<Float> {
            Matrix(rows: rows, columns: f,
                   values: (0..<(rows * f)).map { _ in Float.random(in: 0..<1, using: &generator) * 0.01 })
        }
        let items = initial(train.itemCount)
        let users = initial(train.userCount)
        let solver = ImplicitALSSolver(factors: f, regularization: options.regularization,
                                       confidence: 1 + options.alpha, steps: options.conjugateGradientSteps)
        var history: [Double] = []
        for _ in 0..<options.iterations {
            solver.update(users, fixed: items, rows: train.itemsOfUser)
            solver.update(items, fixed: users, rows: train.usersOfItem)
            history.append(loss(train: train, userFactors: users, itemFactors: items, options: options))
        }
        return ImplicitALSRecommender(userFactors: users, itemFactors: items, lossHistory: history, options: options)
    }

    init(userFactors: Matrix<Float>, itemFactors: Matrix<Float>, lossHistory: [Double], options: Options) {
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        self.lossHistory = lossHistory
        self.options = options
        scorer = InnerProductScorer(candidates: itemFactors)
    }

    /// Top-k items by `x_u·y_i` (contract in ``Recommender``), on ``InnerProductScorer``.
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        for user in users { precondition(user >= 0 && user < userCount, "iALS: user \(user) outside 0..<\(userCount)") }
        guard k > 0 else { return users.map { _ in [] } }
        let top = scorer.topK(queries: userFactors, queryRows: users, k: min(k, itemCount), masks: masks)
        return top.map { row in row.map { ScoredItem(item: $0.index, score: $0.score) } }
    }

    /// The factors of a new user who has `items`: the exact solution (Cholesky in `Double`) of the
    /// user-side normal equations that training approximates with CG,
    ///
    ///     (YᵀY + λI + α·Σ_{i ∈ items} y_i·y_iᵀ)·x = (1 + α)·Σ_{i ∈ items} y_i.
    ///
    /// Score items with `x·y_i` (``scores(factors:)``). Duplicates in `items` count once.
    public func foldIn(items: [Int]) -> [Float] {
        let f = options.factors
        let unique = Set(items).sorted()
        for item in unique { precondition(item >= 0 && item < itemCount, "iALS: item \(item) outside 0..<\(itemCount)") }
        var a = [Double](repeating: 0, count: f * f)
        var b = [Double](repeating: 0, count: f)
        let y = itemFactors
        for i in 0..<itemCount {
            for r in 0..<f { let yr = Double(y[i, r]); for c in 0...r { a[r * f + c] += yr * Double(y[i, c]) } }
        }
        let alpha = Double(options.alpha)
        for i in unique {
            for r in 0..<f {
                let yr = Double(y[i, r])
                b[r] += (1 + alpha) * yr
                for c in 0...r { a[r * f + c] += alpha * yr * Double(y[i, c]) }
            }
        }
        for r in 0..<f { a[r * f + r] += Double(options.regularization) }
        guard let x = try? SmallDenseSolver.solvePositiveDefinite(a, n: f, rhs: b) else {
            return [Float](repeating: 0, count: f)  // only when λ = 0 and Y is rank-deficient
        }
        return x.map { Float($0) }
    }

    /// `x·y_i` for every item `i`, for factors from ``foldIn(items:)``.
    public func scores(factors x: [Float]) -> [Float] {
        precondition(x.count == options.factors, "expected \(options.factors) factors")
        return scorer.scores(query: x)
    }

    /// The training objective (accumulated in `Double`; `YᵀY` and the dot products in `Float`):
    ///
    ///     Σ_u x_uᵀ(YᵀY)x_u + Σ_{(u,i) observed} [c·(1 − s_ui)² − s_ui²] + λ(‖X‖² + ‖Y‖²),  s_ui = x_u·y_i
    ///
    /// which equals `Σ_{u,i} c_ui (p_ui − s_ui)² + λ(‖X‖² + ‖Y‖²)` without visiting all U·I pairs.
    public static func loss(train: InteractionMatrix, userFactors x: Matrix<Float>, itemFactors y: Matrix<Float>,
                            options: Options) -> Double {
        let f = x.columns
        let gram = Matrix<Float>(rows: f, columns: f)
        DenseMultiply.multiply(MatrixView(y).transposed, MatrixView(y), into: MatrixView(gram))
        let confidence = 1 + Double(options.alpha)
        let chunks = min(max(x.rows, 1), defaultParallelChunks)
        let partial = parallelMap(count: chunks, chunks: chunks) { chunk in
            var total = 0.0
            var u = chunk
            while u < x.rows {
                for r in 0..<f { total += Double(x[u, r]) * Double(gram.laneDot(r, x, u)) }
                for item in train.items(ofUser: u) {
                    let s = Double(x.laneDot(u, y, Int(item)))
                    total += confidence * (1 - s) * (1 - s) - s * s
                }
                u += chunks
            }
            return total
        }
        let total = partial.reduce(0, +)
        return total + Double(options.regularization) * (x.squaredNorm() + y.squaredNorm())
    }
}
