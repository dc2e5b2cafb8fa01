import RecData
import RecKernels

/// EASE, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019): a closed-form
/// item–item linear model with a zero diagonal.
///
///     B = argmin ‖X − X·B‖²_F + λ‖B‖²_F   subject to diag(B) = 0
///     P = (XᵀX + λI)⁻¹,   B_ij = −P_ij / P_jj  (i ≠ j),   B_jj = 0
///     score(u, ·) = x_u · B
///
/// where `X` is the binary user × item training matrix and `x_u` its row for user `u`.
///
/// **Memory.** `B` is dense `I × I` (`4·I²` bytes: 6.7 GB for Gowalla's 40,981 items), and the
/// fit needs a dense Gram matrix too; see ``fit(train:options:)`` for the estimate and the
/// refusal when it would not fit.
public struct EASERecommender: Recommender {
    /// Fit options (defaults work on the public sets without tuning).
    public struct Options: Sendable, Equatable {
        /// `λ`, the L2 weight. Default 100: on Gowalla Recall@20 / NDCG@20 are 0.1693 / 0.1399
        /// with λ = 500 (Steck's ML-20M/Netflix range is 500–1000), 0.1748 / 0.1448 with 200 and
        /// 0.1764 / 0.1466 with 100, the published Gowalla figure (0.1765 / 0.1467, Shen et al.
        /// 2021). Sparse data (≈ 27 items per user) wants a smaller λ than the ML-20M setting.
        public var regularization: Float
        /// Which Gram matrix to invert (``Solver``). Default `.automatic`.
        public var solver: Solver
        /// Memory the fit may use, in bytes; `nil` (default) asks the system (``SystemMemory``).
        public var memoryLimitBytes: Int?
        /// Pivot block of the dense inverse (``PositiveDefiniteInverse``). Default 256.
        public var blockSize: Int

        /// Options with the documented defaults.
        public init(regularization: Float = 100, solver: Solver = .automatic, memoryLimitBytes: Int? = nil,
                    blockSize: Int = PositiveDefiniteInverse.defaultBlockSize) {
            self.regularization = regularization
            self.solver = solver
            self.memoryLimitBytes = memoryLimitBytes
            self.blockSize = blockSize
        }
    }

    /// How `P = (XᵀX + λI)⁻¹` is obtained. Both give the same `B` up to rounding.
    public enum Solver: String, Sendable, Equatable, CaseIterable {
        /// Invert the smaller Gram matrix when it fits in memory (fewest flops), else the other.
        case automatic
        /// Invert the `I × I` item Gram `XᵀX + λI` (Steck's form). `I³` flops, `4·I²` bytes.
        case itemGram
        /// Invert the `U × U` user Gram `K = XXᵀ + λI` (over users with interactions) and use the
        /// Woodbury identity `P = (I − Xᵀ·K⁻¹·X)/λ`, so `B_ij = C_ij / (1 − C_jj)` with
        /// `C = Xᵀ·K⁻¹·X`. `U³` flops, `4·U² + 4·I²` bytes: faster when `U < I`.
        case userGram
    }

    /// `B`, `I × I` row-major (row `i` holds the weights from item `i` to every item), zero diagonal.
    public let itemWeights: Matrix<Float>
    /// The training items of each user (`x_u`), scored against `B`.
    public let history: IndexRows
    /// Number of users.
    public let userCount: Int
    /// Number of items.
    public let itemCount: Int
    /// The options the model was fitted with.
    public let options: Options
    /// The solver actually used (never `.automatic`).
    public let solverUsed: Solver

    init(itemWeights: Matrix<Float>, history: IndexRows, userCount: Int, itemCount: Int, options: Options, solverUsed: Solver) {
        self.itemWeights = itemWeights
        self.history = history
        self.userCount = userCount
        self.itemCount = itemCount
        self.options = options
        self.solverUsed = solverUsed
    }

    /// Top-k items by `x_u·B` (contract in ``Recommender``).
    ///
    /// - Complexity: O(|users| · |x_u| · I) additions, in parallel.
    public func recommend(users: [Int], k: Int, masks: (Int) -> CandidateMask) -> [[ScoredItem]] {
        TopKScoring.recommendRowwise(model: "EASE", users: users, k: k, userCount: userCount, itemCount: itemCount,
                                     masks: masks) { user, block, r in
            block.setRow(r, toSumOfRows: history.row(user), of: itemWeights)
        }
    }

    /// The scores `x·B` of every item for a user with the given items (which need not be a
    /// training user: this is also EASE's fold-in).
    public func scores(items: [Int]) -> [Float] {
        for item in items { precondition(item >= 0 && item < itemCount, "EASE: item \(item) outside 0..<\(itemCount)") }
        let unique = Array(Set(items)).sorted().map { Int32($0) }
        let row = Matrix<Float>(rows: 1, columns: itemCount)
        row.setRow(0, toSumOfRows: unique[...], of: itemWeights)
        return row.rowArray(0)
    }
}
