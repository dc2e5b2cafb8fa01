import RecData
import RecKernels

extension PopularityRecommender: PersistentRecommender {
    /// ``ModelKind/popularity``.
    public static var kind: ModelKind { .popularity }

    /// The item counts.
    public var state: ModelState {
        var state = ModelState()
        state.integers["itemPopularity"] = itemPopularity
        return state
    }

    /// The recommender of the saved counts (one per item of `train`).
    public init(state: ModelState, train: InteractionMatrix) throws(ModelStateError) {
        let counts = try state.integerArray("itemPopularity", count: train.itemCount)
        self.init(itemPopularity: counts, userCount: train.userCount)
    }
}

extension EASERecommender: PersistentRecommender {
    /// ``ModelKind/ease``.
    public static var kind: ModelKind { .ease }

    /// `B` (`I × I`), λ and the solver used.
    public var state: ModelState {
        var state = ModelState()
        state.matrices["itemWeights"] = itemWeights
        state.parameters["regularization"] = Double(options.regularization)
        state.labels["solver"] = solverUsed.rawValue
        return state
    }

    /// The EASE model of the saved `B`, scoring `train`'s users by their training items.
    public init(state: ModelState, train: InteractionMatrix) throws(ModelStateError) {
        let weights = try state.matrix("itemWeights", rows: train.itemCount, columns: train.itemCount)
        var options = Options()
        options.regularization = Float(try state.parameter("regularization"))
        guard let solver = Solver(rawValue: try state.label("solver")) else {
            throw .invalid("solver", "unknown solver '\(state.labels["solver"] ?? "")'")
        }
        options.solver = solver
        self.init(itemWeights: weights, history: train.itemsOfUser, userCount: train.userCount,
                  itemCount: train.itemCount, options: options, solverUsed: solver)
    }
}

extension ItemKNNRecommender: PersistentRecommender {
    /// ``ModelKind/itemknn``.
    public static var kind: ModelKind { .itemknn }

    /// The neighbour lists (CSR) and the options.
    public var state: ModelState {
        var state = ModelState()
        state.integers["neighbourOffsets"] = similarities.rowOffsets
        state.integers["neighbours"] = similarities.columnIndices.map(Int.init)
        state.floats["similarities"] = similarities.values
        state.parameters["neighbors"] = Double(options.neighbors)
        state.parameters["shrinkage"] = Double(options.shrinkage)
        return state
    }

    /// The ItemKNN model of the saved neighbour lists, scoring `train`'s users by their training items.
    public init(state: ModelState, train: InteractionMatrix) throws(ModelStateError) {
        let n = train.itemCount
        let offsets = try state.integerArray("neighbourOffsets", count: n + 1)
        let neighbours = try state.integerArray("neighbours", count: nil)
        let values = try state.floatArray("similarities", count: neighbours.count)
        guard offsets.first == 0, offsets.last == neighbours.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .invalid("neighbourOffsets", "not the offsets of \(neighbours.count) neighbours")
        }
        guard neighbours.allSatisfy({ $0 >= 0 && $0 < n }) else { throw .invalid("neighbours", "an item outside 0..<\(n)") }
        let options = Options(neighbors: try state.integerParameter("neighbors"),
                              shrinkage: Float(try state.parameter("shrinkage")))
        self.init(similarities: SparseMatrix(rows: n, columns: n, rowOffsets: offsets,
                                             columnIndices: neighbours.map { Int32($0) }, values: values),
                  history: train.itemsOfUser, userCount: train.userCount, options: options)
    }
}

extension GFCFRecommender: PersistentRecommender {
    /// ``ModelKind/gfcf``.
    public static var kind: ModelKind { .gfcf }

    /// The low-pass factors, the singular values and the options (`R̃` is rebuilt from the
    /// training interactions, exactly as the fit built it).
    public var state: ModelState {
        var state = ModelState()
        state.matrices["lowPassQuery"] = lowPassQuery
        state.matrices["lowPassItems"] = lowPassItems
        state.floats["singularValues"] = singularValues
        state.parameters["rank"] = Double(options.rank)
        state.parameters["idealFilterWeight"] = Double(options.idealFilterWeight)
        state.parameters["oversampling"] = Double(options.oversampling)
        state.parameters["powerIterations"] = Double(options.powerIterations)
        state.labels["seed"] = String(options.seed)
        return state
    }

    /// The GF-CF model of the saved factors on `train`.
    public init(state: ModelState, train: InteractionMatrix) throws(ModelStateError) {
        let query = try state.matrix("lowPassQuery", rows: train.itemCount, columns: nil)
        let items = try state.matrix("lowPassItems", rows: train.itemCount, columns: query.columns)
        let options = Options(rank: try state.integerParameter("rank"),
                              idealFilterWeight: Float(try state.parameter("idealFilterWeight")),
                              oversampling: try state.integerParameter("oversampling"),
                              powerIterations: try state.integerParameter("powerIterations"),
                              seed: try state.seed())
        let (normalized, _) = Self.normalizedInteractions(train)
        self.init(normalized: normalized, normalizedTransposed: normalized.transposed(), lowPassQuery: query,
                  lowPassItems: items, singularValues: try state.floatArray("singularValues", count: nil),
                  history: train.itemsOfUser, options: options)
    }
}

extension ImplicitALSRecommender: PersistentRecommender {
    /// ``ModelKind/ials``.
    public static var kind: ModelKind { .ials }

    /// The user and item factors, the loss history and the options.
    public var state: ModelState {
        var state = ModelState()
        state.matrices["userFactors"] = userFactors
        state.matrices["itemFactors"] = itemFactors
        state.floats["lossHistory"] = lossHistory.map { Float($0) }
        state.parameters["factors"] = Double(options.factors)
        state.parameters["regularization"] = Double(options.regularization)
        state.parameters["alpha"] = Double(options.alpha)
        state.parameters["iterations"] = Double(options.iterations)
        state.parameters["conjugateGradientSteps"] = Double(options.conjugateGradientSteps)
        state.labels["seed"] = String(options.seed)
        return state
    }

    /// The iALS model of the saved factors (one row per user and item of `train`).
    public init(state: ModelState, train: InteractionMatrix) throws(ModelStateError) {
        let users = try state.matrix("userFactors", rows: train.userCount, columns: nil)
        let items = try state.matrix("itemFactors", rows: train.itemCount, columns: users.columns)
        var options = Options()
        options.factors = try state.integerParameter("factors")
        options.regularization = Float(try state.parameter("regularization"))
        options.alpha = Float(try state.parameter("alpha"))
        options.iterations = try state.integerParameter("iterations")
        options.conjugateGradientSteps = try state.integerParameter("conjugateGradientSteps")
        options.seed = try state.seed()
        self.init(userFactors: users, itemFactors: items,
                  lossHistory: try state.floatArray("lossHistory", count: nil).map(Double.init), options: options)
    }
}

extension LRGCCFRecommender: PersistentRecommender {
    /// ``ModelKind/lrgccf``.
    public static var kind: ModelKind { .lrgccf }

    /// The final (concatenated) user and item embeddings and the layer sizes.
    public var state: ModelState {
        var state = ModelState()
        state.matrices["userEmbeddings"] = embeddings.userEmbeddings
        state.matrices["itemEmbeddings"] = embeddings.itemEmbeddings
        state.parameters["numLayers"] = Double(numLayers)
        state.parameters["layerDimension"] = Double(layerDimension)
        return state
    }

    /// The LR-GCCF model of the saved final embeddings (one row per user and item of `train`).
    public init(state: ModelState, train: InteractionMatrix) throws(ModelStateError) {
        let layers = try state.integerParameter("numLayers"), width = try state.integerParameter("layerDimension")
        let users = try state.matrix("userEmbeddings", rows: train.userCount, columns: (layers + 1) * width)
        let items = try state.matrix("itemEmbeddings", rows: train.itemCount, columns: users.columns)
        self.init(embeddings: EmbeddingRecommender(userEmbeddings: users, itemEmbeddings: items),
                  numLayers: layers, layerDimension: width)
    }
}

extension ModelState {
    /// The random seed recorded as the label `"seed"` (a `UInt64` does not fit a `Double` exactly).
    func seed() throws(ModelStateError) -> UInt64 {
        let text = try label("seed")
        guard let seed = UInt64(text) else { throw .invalid("seed", "expected an unsigned integer, found '\(text)'") }
        return seed
    }
}
