import RecData
import RecKernels

extension EASERecommender {
    /// Memory a fit needs with `solver` (`.itemGram` or `.userGram`), in bytes:
    ///
    /// - `.itemGram`: `4·I²` (the Gram matrix, inverted and turned into `B` in place) plus the
    ///   inverse's panels (`12·I·b`, b = block size);
    /// - `.userGram`: `4·U² + 4·I²` (user Gram and `B` are alive together) plus `12·U·b` and
    ///   `128·U` per worker for the `Xᵀ·K⁻¹·X` pass;
    ///
    /// with `U` the users that have interactions. Gowalla (`U` = 29,858, `I` = 40,981): 6.85 GB
    /// with `.itemGram`, 10.50 GB with `.userGram`.
    public static func memoryEstimate(userCount: Int, itemCount: Int, solver: Solver,
                                      blockSize: Int = PositiveDefiniteInverse.defaultBlockSize) -> Int {
        let u = userCount, i = itemCount
        switch solver {
        case .itemGram, .automatic:
            return 4 * i * i + PositiveDefiniteInverse.workspaceBytes(order: i, blockSize: blockSize)
        case .userGram:
            return 4 * u * u + 4 * i * i + PositiveDefiniteInverse.workspaceBytes(order: u, blockSize: blockSize)
                + 128 * u * defaultParallelChunks
        }
    }

    /// Fits EASE on `train` (see the type's documentation for the model).
    ///
    /// Before allocating anything large, the fit estimates its memory
    /// (``memoryEstimate(userCount:itemCount:solver:blockSize:)``) and compares it with
    /// `options.memoryLimitBytes` or, by default, with what the system has available
    /// (``SystemMemory/available()``). `.automatic` picks the Gram with fewer rows among those
    /// that fit; if none fits the fit throws ``BaselineError/insufficientMemory(model:requiredBytes:availableBytes:source:detail:)``.
    ///
    /// - Complexity: `min(U, I)³` flops for the inverse (the bulk), plus `Σ_u |x_u|²` to build
    ///   the item Gram or `Σ_i |users(i)|·U + I·nnz` for `Xᵀ·K⁻¹·X`.
    public static func fit(train: InteractionMatrix, options: Options = Options()) throws(BaselineError) -> EASERecommender {
        guard options.regularization > 0, options.regularization.isFinite else {
            throw .invalidOption(model: "EASE", detail: "regularization must be positive, got \(options.regularization)")
        }
        let activeUsers = train.usersWithInteractions.count
        let items = train.itemCount
        let (limit, source): (Int, String) = options.memoryLimitBytes.map { ($0, "the configured memory limit") }
            ?? SystemMemory.available()
        let candidates: [Solver]
        switch options.solver {
        case .automatic: candidates = activeUsers < items ? [.userGram, .itemGram] : [.itemGram, .userGram]
        case .itemGram, .userGram: candidates = [options.solver]
        }
        let estimates = candidates.map {
            memoryEstimate(userCount: activeUsers, itemCount: items, solver: $0, blockSize: options.blockSize)
        }
        guard let choice = candidates.indices.first(where: { estimates[$0] <= limit }) else {
            let best = candidates.indices.min { estimates[$0] < estimates[$1] }!
            let solver = candidates[best]
            let detail = solver == .itemGram
                ? "\(items) items: 4·I² bytes for B plus inverse panels"
                : "\(activeUsers) users × \(items) items: 4·U² for the user Gram + 4·I² for B, plus panels"
            throw .insufficientMemory(model: "EASE", requiredBytes: estimates[best], availableBytes: limit,
                                      source: source, detail: detail)
        }
        let solver = candidates[choice]
        let weights: Matrix<Float>
        do {
            weights = solver == .itemGram
                ? try itemGramWeights(train: train, options: options)
                : try userGramWeights(train: train, options: options)
        } catch {
            throw .numericalFailure(model: "EASE", detail: "\(error)")
        }
        return EASERecommender(itemWeights: weights, history: train.itemsOfUser, userCount: train.userCount,
                               itemCount: items, options: options, solverUsed: solver)
    }

    /// Steck's form: `G = XᵀX + λI`, `P = G⁻¹`, `B = −P·diag(P)⁻¹` with a zero diagonal, in place.
    static func itemGramWeights(train: InteractionMatrix, options: Options) throws(DenseLinearAlgebraError) -> Matrix<Float> {
        let n = train.itemCount
        let g = Matrix<Float>(rows: n, columns: n)
        CooccurrenceGram.accumulateLower(lists: train.itemsOfUser, into: g)
        for i in 0..<n { g[i, i] += options.regularization }
        try PositiveDefiniteInverse.invert(g, blockSize: options.blockSize)
        let diagonal = (0..<n).map { g[$0, $0] }
        let scale = diagonal.map { -1 / $0 }
        g.scaleColumns(by: scale)
        for i in 0..<n { g[i, i] = 0 }
        return g
    }

    /// The Woodbury form: `K = XXᵀ + λI` over active users, `K⁻¹`, `C = Xᵀ·K⁻¹·X`,
    /// `B_ij = C_ij / (1 − C_jj)` (i ≠ j), `B_jj = 0`.
    static func userGramWeights(train: InteractionMatrix, options: Options) throws(DenseLinearAlgebraError) -> Matrix<Float> {
        let active = train.usersWithInteractions
        let u = active.count, n = train.itemCount
        var compact = [Int32](repeating: -1, count: train.userCount)
        for (c, user) in active.enumerated() { compact[user] = Int32(c) }
        // Users of each item, in compact ids (still sorted: the map is increasing).
        let usersOfItem = IndexRows(offsets: train.usersOfItem.offsets,
                                    indices: train.usersOfItem.indices.map { compact[Int($0)] })
        var kInverse: Matrix<Float>? = Matrix<Float>(rows: u, columns: u)
        CooccurrenceGram.accumulateLower(lists: usersOfItem, into: kInverse!)
        for c in 0..<u { kInverse![c, c] += options.regularization }
        try PositiveDefiniteInverse.invert(kInverse!, blockSize: options.blockSize)
        let b = Matrix<Float>(rows: n, columns: n)
        WoodburyItemWeights.compute(kInverse: kInverse!, usersOfItem: usersOfItem, into: b)
        kInverse = nil
        return b
    }
}
