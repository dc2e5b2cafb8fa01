import Foundation
import RecData
import RecKernels
import Testing
@testable import RecTraining

/// A small batch over 9 rows of width 5: rows 0–2 users, 3–8 items; pairs (0,3) (1,4) (2,5) (0,6)
/// (1,3); own negatives 7 8 6 5 8; shared negatives 7, 8 and 4 (4 is pair 1's positive).
private func smallBatch(seed: UInt64 = 11, scale: Float = 0.5) -> LossBatch {
    let batch = LossBatch(nodes: (0..<9).map { Int32($0) }, width: 5, users: [0, 1, 2, 0, 1], positives: [3, 4, 5, 6, 3],
                          negatives: [7, 8, 6, 5, 8], sharedNegatives: [7, 8, 4])
    var rng = SeededGenerator(seed: seed)
    for r in 0..<9 { for c in 0..<5 { batch.embeddings[r, c] = Float.random(in: -1...1, using: &rng) * scale } }
    return batch
}

/// The same batch with other embeddings and a clear gradient.
private func copy(_ batch: LossBatch, embeddings: Matrix<Float>) -> LossBatch {
    let other = LossBatch(nodes: batch.nodes, width: batch.width, users: batch.users, positives: batch.positives,
                          negatives: batch.negatives, sharedNegatives: batch.sharedNegatives)
    other.embeddings.assign(embeddings)
    return other
}

/// Checks `loss`'s gradient against central differences of its value, entry by entry.
private func checkGradient(_ loss: any LossFunction, _ batch: LossBatch, step: Float = 2e-3, tolerance: Double = 3e-3) {
    _ = loss.accumulate(batch)
    let e = batch.embeddings
    var worst = 0.0
    for r in 0..<e.rows {
        for c in 0..<e.columns {
            let plus = e.copy(), minus = e.copy()
            plus[r, c] += step
            minus[r, c] -= step
            let numeric = (loss.accumulate(copy(batch, embeddings: plus)) - loss.accumulate(copy(batch, embeddings: minus)))
                / Double(2 * step)
            let analytic = Double(batch.gradient[r, c])
            worst = max(worst, abs(numeric - analytic) / max(1, abs(numeric)))
        }
    }
    #expect(worst < tolerance, "largest gradient error \(worst)")
}

@Suite("Training objectives")
struct LossFunctionTests {
    @Test("BPR, softmax, BSL and DirectAU gradients agree with finite differences")
    func gradients() {
        checkGradient(BPRLoss(), smallBatch())
        checkGradient(SampledSoftmaxLoss.softmax(temperature: 0.5), smallBatch())
        checkGradient(SampledSoftmaxLoss.bilateral(positiveTemperature: 0.4, negativeTemperature: 0.7), smallBatch())
        checkGradient(DirectAULoss(uniformityWeight: 0.8), smallBatch(seed: 5))
    }

    @Test("the softmax loss equals its formula, with the pair's own positive left out of the shared negatives")
    func softmaxValue() {
        let batch = smallBatch()
        let tau = 0.3
        let e = batch.embeddings
        func s(_ a: Int, _ b: Int) -> Double { (0..<5).reduce(0.0) { $0 + Double(e[a, $1]) * Double(e[b, $1]) } }
        var expected = 0.0, bilateral = 0.0
        for t in 0..<batch.pairCount {
            let u = Int(batch.users[t]), i = Int(batch.positives[t])
            let negatives = batch.sharedNegatives.map(Int.init).filter { $0 != i }
            let denominator = exp(s(u, i) / tau) + negatives.reduce(0.0) { $0 + exp(s(u, $1) / tau) }
            expected += -s(u, i) / tau + log(denominator)
            let negativeSum = negatives.reduce(0.0) { $0 + exp(s(u, $1) / 0.6) }
            bilateral += -s(u, i) / tau + (0.6 / tau) * log(negativeSum)
        }
        let value = SampledSoftmaxLoss.softmax(temperature: Float(tau)).accumulate(batch)
        #expect(abs(value - expected / 5) < 1e-5)
        let bsl = SampledSoftmaxLoss.bilateral(positiveTemperature: Float(tau), negativeTemperature: 0.6).accumulate(smallBatch())
        #expect(abs(bsl - bilateral / 5) < 1e-5)
    }

    @Test("the softmax loss stays finite for scores far beyond exp's range (log-sum-exp)")
    func softmaxIsStable() {
        let batch = smallBatch(scale: 40)
        let loss = SampledSoftmaxLoss.softmax(temperature: 0.05).accumulate(batch)
        #expect(loss.isFinite && loss >= 0)
        #expect(batch.gradient.values.allSatisfy { $0.isFinite })
        let bsl = SampledSoftmaxLoss.bilateral(positiveTemperature: 0.05, negativeTemperature: 0.02).accumulate(smallBatch(scale: 40))
        #expect(bsl.isFinite)
    }

    @Test("DirectAU's value: alignment of unit vectors plus γ times the mean of the two uniformity terms")
    func directAUValue() {
        let batch = smallBatch(seed: 3)
        let e = batch.embeddings
        func unit(_ r: Int) -> [Double] {
            let v = (0..<5).map { Double(e[r, $0]) }
            let n = sqrt(v.reduce(0) { $0 + $1 * $1 })
            return v.map { $0 / n }
        }
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        let users = batch.users.map { unit(Int($0)) }, items = batch.positives.map { unit(Int($0)) }
        let alignment = zip(users, items).reduce(0.0) { $0 + distance($1.0, $1.1) } / 5
        func uniformity(_ x: [[Double]]) -> Double {
            var sum = 0.0, pairs = 0.0
            for a in 0..<x.count { for b in (a + 1)..<x.count { sum += exp(-2 * distance(x[a], x[b])); pairs += 1 } }
            return log(sum / pairs)
        }
        let expected = alignment + 0.5 * (uniformity(users) + uniformity(items)) / 2
        #expect(abs(DirectAULoss(uniformityWeight: 0.5).accumulate(batch) - expected) < 1e-5)
    }

    @Test("the assembler: BPR rows in first-seen order; in-batch and uniform shared negatives each listed once")
    func assembler() {
        let triples = BPRTriples(users: [0, 1, 0], positives: [2, 3, 2], negatives: [4, 2, 1])
        var assembler = LossBatchAssembler(userCount: 2, itemCount: 5)
        let bpr = assembler.assemble(triples, 0..<3, loss: .bpr, negatives: .uniform, uniformItems: [], width: 4)
        #expect(bpr.nodes == [0, 4, 6, 1, 5, 3])
        #expect(bpr.users == [0, 3, 0] && bpr.positives == [1, 4, 1] && bpr.negatives == [2, 1, 5])
        #expect(bpr.sharedNegatives.isEmpty)
        let both = assembler.assemble(triples, 0..<3, loss: .softmax, negatives: .both, uniformItems: [3, 0, 0], width: 4)
        #expect(both.nodes == [0, 4, 1, 5, 2] && both.negatives.isEmpty)
        #expect(both.sharedNegatives == [1, 3, 4])
        let inBatch = assembler.assemble(triples, 1..<3, loss: .bsl, negatives: .inBatch, uniformItems: [], width: 4)
        #expect(inBatch.nodes == [1, 5, 0, 4] && inBatch.sharedNegatives == [1, 3])
        let directAU = assembler.assemble(triples, 0..<3, loss: .directau, negatives: .both, uniformItems: [1], width: 4)
        #expect(directAU.nodes == [0, 4, 1, 5] && directAU.sharedNegatives.isEmpty)
    }

    @Test("settings a loss cannot honour are refused with the option to change")
    func refusals() {
        var c = TrainingConfiguration()
        c.loss = .softmax
        c.negativeCandidates = 8
        #expect(throws: ConfigurationError.self) { try c.validate() }
        c.negativeCandidates = 1
        c.negativeTemperature = 0.2
        #expect(throws: ConfigurationError.self) { try c.validate() }
        c.loss = .bsl
        #expect(throws: Never.self) { try c.validate() }
        c.temperature = 0
        #expect(throws: ConfigurationError.self) { try c.validate() }
        var l = LRGCCFConfiguration()
        l.training.negativeCandidates = 4
        #expect(throws: ConfigurationError.self) { try l.validate() }
    }
}
