import RecData
import RecKernels
import RecModels

/// Adds new interactions, users and items to a trained LightGCN and refreshes it with a few BPR
/// steps on the affected layer-0 rows only, instead of retraining from scratch.
///
/// With `U, I` trained users and items, `U' = U + newUsers`, `I' = I + newItems`, and `R' = R ∪ Δ`
/// the enlarged interactions:
///
/// 1. **Graph.** Â' is built from `R'` (every node's degree and normalisation is updated).
/// 2. **Fold-in.** The trained rows are copied (`E'_u = E_u`, `E'_{U'+i} = E_{U+i}`); a new node
///    `*` with trained neighbours `S` starts from ``IncrementalUpdateSettings/layerZero`` folded
///    in on the *trained* graph (by default `E'_* = (1/|S|) Σ_{w∈S} E_w`; see
///    ``FoldInRecommender``); a new node without trained neighbours starts from N(0, 0.1²).
/// 3. **Refresh.** ``IncrementalUpdateSettings/steps`` steps of the BPR loss of ``BPRTrainer`` on
///    Â' (propagation over the whole enlarged graph, the configuration's L2 term), each on
///    ``IncrementalUpdateSettings/batchSize`` triples `(u, i, j)`: `(u, i)` drawn uniformly from
///    the interactions of the updated users and of the new items, `j` uniform among the items
///    `u` does not have. Only the updated rows `A` move, by their own Adam:
///
///        E'_A ← Adam(E'_A, (∂L/∂E')_A),    E'_v unchanged for v ∉ A
///
///    with `A` the new users and items (``IncrementalUpdateSettings/Scope/newNodes``), plus the
///    trained users and items that have a new interaction
///    (``IncrementalUpdateSettings/Scope/newNodesAndNeighbours``). With `.newNodes`, a new
///    interaction between a trained user and a trained item changes the graph only.
///
/// Cost: one fold-in propagation of the trained graph, then per step one forward and one
/// backward propagation of the enlarged graph (as one training batch), i.e. `steps` batches
/// instead of `epochs · batchesPerEpoch` for a retrain.
public struct IncrementalUpdate: Sendable {
    /// The fold-in and refresh settings.
    public var settings: IncrementalUpdateSettings

    /// An update with `settings`.
    public init(settings: IncrementalUpdateSettings = IncrementalUpdateSettings()) {
        self.settings = settings
    }

    /// Applies `delta` to `model`, trained on `train` with `configuration` (its dimension,
    /// layers and L2 term are used; batch size, learning rate and seed come from ``settings``).
    ///
    /// - Returns: the enlarged model inside a ``BPRTrainer`` on `R'` (which can go on training
    ///   all rows), the updated rows and timings.
    /// - Throws: ``IncrementalUpdateError`` when the model does not fit `train` or
    ///   `configuration`, a pair is out of range, or a setting is invalid.
    public func apply(_ delta: InteractionDelta, to model: LightGCN<Float>, train: InteractionMatrix,
                      configuration: TrainingConfiguration) throws -> IncrementalUpdateResult {
        try check(delta, model: model, train: train, configuration: configuration)
        var clock = PhaseClock()
        let oldUsers = train.userCount, oldItems = train.itemCount
        let users = oldUsers + delta.newUserCount, items = oldItems + delta.newItemCount
        let merged = InteractionMatrix(userCount: users, itemCount: items, pairs: train.pairs + delta.pairs)
        var c = configuration
        c.batchSize = settings.batchSize
        c.learningRate = settings.learningRate
        c.seed = settings.seed
        let trainer = try BPRTrainer(train: merged, configuration: c)
        let e = trainer.model.embedding
        e.copyRows(0..<oldUsers, of: model.embedding)
        e.copyRows(oldUsers..<(oldUsers + oldItems), of: model.embedding, toRow: users)
        foldInNewRows(into: e, model: model, train: train, merged: merged)
        let foldInSeconds = clock.lap()

        let (updatedUsers, updatedItems) = updatedRows(delta, train: train, merged: merged)
        let nodes = updatedUsers + updatedItems.map { users + $0 }
        let losses = refresh(trainer, nodes: nodes, pool: pool(merged, updatedUsers: updatedUsers, oldItems: oldItems))
        return IncrementalUpdateResult(
            trainer: trainer, updatedNodes: nodes, newUserCount: delta.newUserCount, newItemCount: delta.newItemCount,
            addedInteractions: merged.interactionCount - train.interactionCount, losses: losses,
            foldInSeconds: foldInSeconds, refreshSeconds: clock.lap())
    }

    /// Throws when the inputs do not fit together.
    private func check(_ delta: InteractionDelta, model: LightGCN<Float>, train: InteractionMatrix,
                       configuration: TrainingConfiguration) throws {
        guard model.numNodes == train.userCount + train.itemCount else {
            throw IncrementalUpdateError.shapeMismatch(
                "the model has \(model.numNodes) nodes but the training interactions have \(train.userCount) users "
                    + "and \(train.itemCount) items; pass the interactions the model was trained on")
        }
        guard model.embeddingDim == configuration.dimension, model.numLayers == configuration.layers else {
            throw IncrementalUpdateError.shapeMismatch(
                "the model has dimension \(model.embeddingDim) and \(model.numLayers) layers, the configuration "
                    + "\(configuration.dimension) and \(configuration.layers); pass the model's configuration")
        }
        guard delta.newUserCount >= 0, delta.newItemCount >= 0 else {
            throw IncrementalUpdateError.invalidSetting("new user and item counts must be ≥ 0")
        }
        guard settings.steps >= 0, settings.batchSize >= 1, settings.learningRate > 0 else {
            throw IncrementalUpdateError.invalidSetting(
                "steps must be ≥ 0, batch size ≥ 1 and learning rate > 0 (got \(settings.steps), "
                    + "\(settings.batchSize), \(settings.learningRate))")
        }
        let users = train.userCount + delta.newUserCount, items = train.itemCount + delta.newItemCount
        for pair in delta.pairs where !(0..<users).contains(pair.user) || !(0..<items).contains(pair.item) {
            throw IncrementalUpdateError.pairOutOfRange(user: pair.user, item: pair.item, userCount: users, itemCount: items)
        }
    }

    /// Writes the starting rows of the new users and items (step 2 of the type's documentation).
    private func foldInNewRows(into e: Matrix<Float>, model: LightGCN<Float>, train: InteractionMatrix,
                               merged: InteractionMatrix) {
        let oldUsers = train.userCount, oldItems = train.itemCount, d = model.embeddingDim
        guard merged.userCount > oldUsers || merged.itemCount > oldItems else { return }
        let graph = PropagationGraph<Float>(userCount: oldUsers, itemCount: oldItems, itemsOfUser: train.itemsOfUser)
        let foldIn = FoldInRecommender(model: model, graph: graph, userCount: oldUsers, itemCount: oldItems,
                                       propagation: .exact, layerZero: settings.layerZero)
        var generator = SeededGenerator(seed: settings.seed).fork(0x1AC)
        func write(_ row: [Float], node: Int) {
            if row.isEmpty {
                for c in 0..<d { e[node, c] = Float(generator.nextGaussian() * 0.1) }
            } else {
                e.setRow(node, to: row)
            }
        }
        for user in oldUsers..<merged.userCount {
            let trained = merged.items(ofUser: user).filter { $0 < oldItems }.map(Int.init)
            write(trained.isEmpty ? [] : foldIn.layerZero(forItems: trained), node: user)
        }
        for item in oldItems..<merged.itemCount {
            let trained = merged.usersOfItem.row(item).filter { $0 < oldUsers }.map(Int.init)
            write(trained.isEmpty ? [] : foldIn.layerZero(forUsers: trained), node: merged.userCount + item)
        }
    }

    /// The users and items whose rows are trained, by ``IncrementalUpdateSettings/scope``.
    private func updatedRows(_ delta: InteractionDelta, train: InteractionMatrix,
                             merged: InteractionMatrix) -> (users: [Int], items: [Int]) {
        var users = Set(train.userCount..<merged.userCount), items = Set(train.itemCount..<merged.itemCount)
        if settings.scope == .newNodesAndNeighbours {
            for pair in delta.pairs where pair.user >= train.userCount || pair.item >= train.itemCount
                || !train.contains(user: pair.user, item: pair.item) {
                users.insert(pair.user)
                items.insert(pair.item)
            }
        }
        return (users.sorted(), items.sorted())
    }

    /// The interactions triples are drawn from: those of the updated users, and those of the new
    /// items with the other users.
    private func pool(_ merged: InteractionMatrix, updatedUsers: [Int], oldItems: Int) -> (users: [Int32], items: [Int32]) {
        var isUpdated = [Bool](repeating: false, count: merged.userCount)
        var users: [Int32] = [], items: [Int32] = []
        for user in updatedUsers {
            isUpdated[user] = true
            for item in merged.items(ofUser: user) {
                users.append(Int32(user))
                items.append(item)
            }
        }
        for item in oldItems..<merged.itemCount {
            for user in merged.usersOfItem.row(item) where !isUpdated[Int(user)] {
                users.append(user)
                items.append(Int32(item))
            }
        }
        return (users, items)
    }

    /// Step 3: BPR steps that move only the rows `nodes`; returns the BPR term of every step.
    private func refresh(_ trainer: BPRTrainer, nodes: [Int], pool: (users: [Int32], items: [Int32])) -> [Double] {
        guard !nodes.isEmpty, !pool.users.isEmpty, settings.steps > 0 else { return [] }
        let e = trainer.model.embedding, d = e.columns, merged = trainer.train
        let parameters = Matrix<Float>(rows: nodes.count, columns: d)
        for (r, node) in nodes.enumerated() { parameters.setRow(r, toRow: node, of: e) }
        let gradient = Matrix<Float>(rows: nodes.count, columns: d)
        let optimizer = AdamOptimizer<Float>(rows: nodes.count, columns: d, learningRate: Float(settings.learningRate))
        var generator = SeededGenerator(seed: settings.seed).fork(0x5EED)
        var losses: [Double] = []
        losses.reserveCapacity(settings.steps)
        for _ in 0..<settings.steps {
            var users = [Int32](), positives = [Int32](), negatives = [Int32]()
            for _ in 0..<settings.batchSize {
                let k = generator.nextIndex(below: pool.users.count)
                let user = pool.users[k]
                var negative = Int32(generator.nextIndex(below: merged.itemCount))
                for _ in 0..<32 where merged.contains(user: Int(user), item: Int(negative)) {
                    negative = Int32(generator.nextIndex(below: merged.itemCount))
                }
                users.append(user)
                positives.append(pool.items[k])
                negatives.append(negative)
            }
            let triples = BPRTriples(users: users, positives: positives, negatives: negatives)
            let (bpr, _) = trainer.computeGradient(triples, 0..<triples.count)
            let g = trainer.embeddingGradient
            for (r, node) in nodes.enumerated() { gradient.setRow(r, toRow: node, of: g) }
            optimizer.update(parameters, gradient: gradient)
            for (r, node) in nodes.enumerated() { e.setRow(node, toRow: r, of: parameters) }
            losses.append(bpr)
        }
        return losses
    }
}
