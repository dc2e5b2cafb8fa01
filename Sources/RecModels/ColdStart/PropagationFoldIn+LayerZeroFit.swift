import RecKernels

extension PropagationFoldIn {
    /// Fits a new node's layer-0 embedding `e_*` by a few Adam steps on its own BPR loss, with
    /// every trained parameter and every other node's final embedding fixed (the formulas are in
    /// ``FoldInBPRSettings``).
    ///
    /// - Parameters:
    ///   - neighbours: the new node's neighbours `S` (its positives), node ids.
    ///   - candidates: the node ids negatives are drawn from (for a new user: the item nodes).
    ///   - start: the initial `e_*`.
    /// - Returns: the fitted `e_*`; `start` itself when there are no neighbours or no negatives.
    public func fitLayerZero(neighbours: [Int], candidates: Range<Int>, start: [Scalar],
                             settings: FoldInBPRSettings, propagation: FoldInPropagation) -> [Scalar] {
        let positives = Self.distinct(neighbours, below: nodeCount)
        let positiveSet = Set(positives)
        let d = dimension
        guard !positives.isEmpty, settings.steps > 0, settings.negativesPerPositive > 0,
              candidates.count > positiveSet.count else { return start }
        let (gamma, offset) = newNodeAffineMap(neighbours: positives, propagation: propagation)
        var e = start
        var m = [Scalar](repeating: 0, count: d), v = [Scalar](repeating: 0, count: d)
        var gradient = [Scalar](repeating: 0, count: d), out = [Scalar](repeating: 0, count: d)
        var generator = SeededGenerator(seed: settings.seed)
        let lr = Scalar(settings.learningRate), lambda = Scalar(settings.lambda)
        let beta1: Scalar = 0.9, beta2: Scalar = 0.999, eps: Scalar = 1e-8
        var power1: Scalar = 1, power2: Scalar = 1
        let perStep = min(positives.count, max(1, settings.maxPositivesPerStep))
        let pairs = Scalar(perStep * settings.negativesPerPositive)
        let f = finalEmbeddings
        var batch = positives
        for _ in 0..<settings.steps {
            for c in 0..<d { out[c] = gamma * e[c] + offset[c]; gradient[c] = lambda * e[c] }
            if perStep < positives.count {
                batch = (0..<perStep).map { _ in positives[generator.nextIndex(below: positives.count)] }
            }
            for i in batch {
                var si: Scalar = 0
                for c in 0..<d { si += out[c] * f[i, c] }
                for _ in 0..<settings.negativesPerPositive {
                    var j = candidates.lowerBound + generator.nextIndex(below: candidates.count)
                    while positiveSet.contains(j) { j = candidates.lowerBound + generator.nextIndex(below: candidates.count) }
                    var sj: Scalar = 0
                    for c in 0..<d { sj += out[c] * f[j, c] }
                    // ∂ softplus(sj − si)/∂(sj − si) = σ(sj − si).
                    let g = gamma / (1 + Scalar.exponential(si - sj)) / pairs
                    for c in 0..<d { gradient[c] += g * (f[j, c] - f[i, c]) }
                }
            }
            power1 *= beta1
            power2 *= beta2
            for c in 0..<d {
                m[c] = beta1 * m[c] + (1 - beta1) * gradient[c]
                v[c] = beta2 * v[c] + (1 - beta2) * gradient[c] * gradient[c]
                e[c] -= lr * (m[c] / (1 - power1)) / (Scalar.squareRoot(v[c] / (1 - power2)) + eps)
            }
        }
        return e
    }
}
