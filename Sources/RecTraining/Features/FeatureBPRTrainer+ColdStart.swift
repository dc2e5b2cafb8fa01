import RecData
import RecKernels
import RecModels

extension FeatureBPRTrainer {
    /// The feature-only rows of one side in a batch: the side's distinct batch nodes, their
    /// features and `φ`, and `∂L/∂φ` as it accumulates.
    struct FeatureOnlyRows {
        /// Whether these are users (else items).
        var isUserSide: Bool
        /// Graph rows (users `u`, items `U + i`) of the side's batch nodes.
        var nodes: [Int]
        /// The nodes' features (one row per entry of `nodes`).
        var features: NodeFeatures
        /// `φ(v)` per entry of `nodes` (`|nodes| × D`).
        var projection: Matrix<Float>
        /// `∂L/∂φ(v)` per entry of `nodes`.
        var gradient: Matrix<Float>
        /// Whether each node is dropped out (scored as `α₀ φ(v)`) in this batch.
        var dropped: [Bool]
    }

    /// The step of ``computeGradients(_:_:)`` with ID dropout, feature distillation and the
    /// popularity prior (formulas in ``ColdStartTraining`` and ``PopularityPrior``); φ is the
    /// feature-only projection (the separate cold head when the model has one, whose tables then
    /// receive `∂L/∂φ` while the warm feature tables get only the chain rule of E⁰):
    ///
    ///     out = Σ_l α_l Âˡ E⁰ on the batch rows;  target_v = out_v  (distillation, held fixed)
    ///     out_v ← α₀ φ(v)                    for the dropped nodes v
    ///     x = ⟨out_u, out_i − out_j⟩ + w (p_i − p_j),  L = (1/B) Σ softplus(−x) + R(E⁰) + R_d
    ///     ∂L/∂φ(v) = α₀ ∂L/∂out_v (dropped v) + ∂R_d/∂φ(v);   ∂L/∂out_v ← 0 for dropped v
    ///     G = backward(∂L/∂out) + ∂R/∂E⁰,  tables from G, then the feature tables += ∂L/∂φ
    ///
    /// With a separate cold head the dropped nodes keep their propagated rows (the warm step is
    /// the plain one) and ``addSeparateHeadTerm(_:_:sides:)`` scores their triples a second time
    /// through the head. Returns the mean BPR term (including the head's term) and `R + R_d`.
    func computeColdStartGradients(_ triples: BPRTriples, _ range: Range<Int>) -> (bpr: Double, regularization: Double) {
        model.assembleLayerZero()
        base.model.embedding.assign(model.lightGCN.embedding)
        let d = configuration.dimension, userCount = train.userCount
        let batch = Float(range.count)
        var clock = PhaseClock()
        let nodes = base.batchNodes(triples, range)
        base.model.propagate(graph: graph, into: base.output, workspace: base.workspace, onlyRows: nodes)
        base.timings.forward += clock.lap()

        let out = base.output, gOut = base.outputGradient
        let alpha0 = model.layerZeroWeight
        let sides = featureOnlyRows(nodes)
        // Distillation against the propagated rows, then dropout replaces them.
        let w = Float(coldStartTraining.featureDistillation)
        var distillation = 0.0
        for side in sides {
            let scale = 1 / Float(max(side.nodes.count, 1))
            for (r, v) in side.nodes.enumerated() {
                let phi = side.projection, g = side.gradient
                var squares: Float = 0
                for c in 0..<d {
                    let residual = alpha0 * phi[r, c] - out[v, c]
                    squares += residual * residual
                    if w > 0 { g[r, c] += 2 * w * alpha0 * residual * scale }
                }
                if w > 0 { distillation += Double(w * squares * scale) }
            }
            // With a separate head the warm rows stay: the dropped nodes are scored a second time below.
            for (r, v) in side.nodes.enumerated() where side.dropped[r] && !coldStartTraining.separateHead {
                for c in 0..<d { out[v, c] = alpha0 * side.projection[r, c] }
            }
        }

        // BPR on the (partly feature-only) output rows, with the prior's w · (p_i − p_j).
        let prior = model.popularityPrior
        let priorWeight = prior?.currentWeight ?? 0
        var bprSum = 0.0, priorGradient: Float = 0
        for t in range {
            let item = Int(triples.positives[t]), negative = Int(triples.negatives[t])
            let u = Int(triples.users[t]), i = userCount + item, j = userCount + negative
            let priorDifference = prior.map { $0.itemValues[item] - $0.itemValues[negative] } ?? 0
            let x = Matrix.layeredDifferenceDot([out], u, i, j, startingAt: priorWeight * priorDifference)
            bprSum += Double(max(-x, 0) + Float.logarithmOnePlus(Float.exponential(-abs(x))))
            let g = -1 / (1 + Float.exponential(x)) / batch
            priorGradient += g * priorDifference
            gOut.addTripleGradient(u, i, j, scaledBy: g, of: out)
        }
        if coldStartTraining.separateHead {
            let (sum, gradient) = addSeparateHeadTerm(triples, range, sides: sides)
            bprSum += sum
            priorGradient += gradient
        }
        // A dropped node's output is α₀ φ(v): its gradient goes to φ, not through the graph.
        for side in sides where !coldStartTraining.separateHead {
            for (r, v) in side.nodes.enumerated() where side.dropped[r] {
                side.gradient.addRow(r, scaled: alpha0, of: gOut, row: v)
                gOut.zeroRow(v)
            }
        }
        base.timings.loss += clock.lap()
        base.model.backpropagate(graph: graph, outputGradient: base.outputGradient, nonZeroRows: nodes,
                                 into: base.embeddingGradient, workspace: base.workspace)
        gOut.clearRows(nodes)
        base.timings.backward += clock.lap()
        let regularization = base.addRegularization(triples, range, nodes: nodes, batch: batch)
        base.timings.regularization += clock.lap()

        model.accumulateGradients(layerZeroGradient: base.embeddingGradient, into: gradients)
        let parameters = model.parameters
        /// The position of `table` in the model's parameters (and so in `gradients`).
        func slot(_ table: Matrix<Float>) -> Int { parameters.firstIndex { $0 === table }! }
        for side in sides {
            let encoder = side.isUserSide ? model.userFeatureOnlyEncoder! : model.itemFeatureOnlyEncoder!
            let first = slot(encoder.tables[0])
            encoder.addGradient(side.features, layerZeroGradient: side.gradient, rowOffset: 0,
                                into: Array(gradients[first..<(first + encoder.tables.count)]))
        }
        if let prior { gradients[slot(prior.weight)][0, 0] = priorGradient }
        return (bprSum / Double(range.count), regularization + distillation)
    }

    /// The dropout term of a separate cold head: every triple with a dropped node is scored a
    /// second time with the dropped nodes' outputs replaced by `α₀ φ(v)` (the head) and the
    /// other outputs held fixed, `L_c = (1/B) Σ softplus(−x_c)`, `x_c = ⟨o_u, o_i − o_j⟩ + w (p_i − p_j)`.
    /// Its gradient reaches only the head (`∂L_c/∂φ(v) = α₀ ∂L_c/∂o_v`, added to the sides'
    /// `gradient`) and the prior weight, so the warm model trains exactly as without dropout.
    ///
    /// - Returns: `Σ softplus(−x_c)` over those triples and `∂L_c/∂w`.
    func addSeparateHeadTerm(_ triples: BPRTriples, _ range: Range<Int>,
                             sides: [FeatureOnlyRows]) -> (lossSum: Double, priorGradient: Float) {
        let d = configuration.dimension, userCount = train.userCount, batch = Float(range.count)
        let out = base.output, alpha0 = model.layerZeroWeight
        var dropped: [Int: (side: Int, row: Int)] = [:]
        for (s, side) in sides.enumerated() {
            for (r, v) in side.nodes.enumerated() where side.dropped[r] { dropped[v] = (s, r) }
        }
        guard !dropped.isEmpty else { return (0, 0) }
        let prior = model.popularityPrior
        let priorWeight = prior?.currentWeight ?? 0
        var vectors = [[Float]](repeating: [Float](repeating: 0, count: d), count: 3)
        var lossSum = 0.0, priorGradient: Float = 0
        for t in range {
            let item = Int(triples.positives[t]), negative = Int(triples.negatives[t])
            let triple = [Int(triples.users[t]), userCount + item, userCount + negative]
            guard triple.contains(where: { dropped[$0] != nil }) else { continue }
            for (n, node) in triple.enumerated() {
                if let (s, r) = dropped[node] {
                    let phi = sides[s].projection
                    for c in 0..<d { vectors[n][c] = alpha0 * phi[r, c] }
                } else {
                    vectors[n] = out.rowArray(node)
                }
            }
            let priorDifference = prior.map { $0.itemValues[item] - $0.itemValues[negative] } ?? 0
            var x: Float = priorWeight * priorDifference
            for c in 0..<d { x += vectors[0][c] * (vectors[1][c] - vectors[2][c]) }
            lossSum += Double(max(-x, 0) + Float.logarithmOnePlus(Float.exponential(-abs(x))))
            let g = -1 / (1 + Float.exponential(x)) / batch
            priorGradient += g * priorDifference
            for (n, node) in triple.enumerated() {
                guard let (s, r) = dropped[node] else { continue }
                let target = sides[s].gradient
                for c in 0..<d {
                    let partial: Float = n == 0 ? vectors[1][c] - vectors[2][c] : (n == 1 ? vectors[0][c] : -vectors[0][c])
                    target[r, c] += alpha0 * g * partial
                }
            }
        }
        return (lossSum, priorGradient)
    }

    /// The feature-only rows of the batch `nodes` for each side in ``coldStartTraining``'s
    /// sides that has features (users first), with the dropout mask drawn for this batch.
    func featureOnlyRows(_ nodes: [Int32]) -> [FeatureOnlyRows] {
        let settings = coldStartTraining, userCount = train.userCount
        guard settings.isActive else { return [] }
        var result: [FeatureOnlyRows] = []
        let candidates: [(ColdStartTraining.Sides, FeatureEncoder<Float>?, NodeFeatures?, Int)] = [
            (.users, model.userFeatureOnlyEncoder, model.userFeatures, 0),
            (.items, model.itemFeatureOnlyEncoder, model.itemFeatures, userCount),
        ]
        for (side, encoder, features, offset) in candidates where settings.sides.contains(side) {
            guard let encoder, let features else { continue }
            let graphRows = nodes.map(Int.init).filter { side == .users ? $0 < userCount : $0 >= userCount }
            guard !graphRows.isEmpty else { continue }
            let subset = features.subset(graphRows.map { $0 - offset })
            let dropped = graphRows.map { _ in
                settings.idDropout > 0 && Double(dropoutGenerator.next() >> 11) * 0x1p-53 < settings.idDropout
            }
            result.append(FeatureOnlyRows(isUserSide: side == .users, nodes: graphRows, features: subset, projection: encoder.encode(subset),
                                          gradient: Matrix(rows: graphRows.count, columns: model.dimension),
                                          dropped: dropped))
        }
        return result
    }
}
