import RecData
import RecKernels
import RecModels
import Testing
@testable import RecTraining

@Suite("Dynamic negative sampling")
struct DynamicNegativeSamplingTests {
    static let dataset = SyntheticDataset.generate(userCount: 150, itemCount: 120, seed: 11)

    static func trainer(candidates: Int) throws -> BPRTrainer {
        var c = TrainingConfiguration()
        c.layers = 2
        c.dimension = 20  // one 16-lane block and a remainder in the candidates' dot products
        c.batchSize = 200
        c.negativeCandidates = candidates
        return try BPRTrainer(train: Self.dataset.train, configuration: c)
    }

    @Test("each triple keeps its highest-scoring candidate, never a training positive; the rows cover every candidate")
    func hardestCandidateIsKept() throws {
        let m = 6
        let trainer = try Self.trainer(candidates: m)
        var g = SeededGenerator(seed: 5)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        let range = 40..<240
        let candidates = trainer.drawNegativeCandidates(triples, range)
        #expect(candidates.count == range.count * m)
        let rows = trainer.nodeCollector.nodes(triples, range, candidates: candidates, perTriple: m)
        let users = Self.dataset.train.userCount
        var expectedRows = Set<Int32>()
        for (k, t) in range.enumerated() {
            #expect(candidates[k * m] == triples.negatives[t])  // the sampled negative comes first
            expectedRows.formUnion([triples.users[t], Int32(users) + triples.positives[t]])
            for c in 0..<m {
                #expect(!Self.dataset.train.contains(user: Int(triples.users[t]), item: Int(candidates[k * m + c])))
                expectedRows.insert(Int32(users) + candidates[k * m + c])
            }
        }
        #expect(rows.count == expectedRows.count && Set(rows) == expectedRows)

        trainer.model.propagate(graph: trainer.graph, into: trainer.output, workspace: trainer.workspace)
        let hardest = trainer.hardestNegatives(triples, range, candidates: candidates)
        #expect(hardest.users == Array(triples.users[range]) && hardest.positives == Array(triples.positives[range]))
        let d = 20
        func score(_ u: Int32, _ j: Int32) -> Float {
            var s: Float = 0
            for k in 0..<d { s += trainer.output[Int(u), k] * trainer.output[users + Int(j), k] }
            return s
        }
        for (k, t) in range.enumerated() {
            let best = (0..<m).map { score(triples.users[t], candidates[k * m + $0]) }.max()!
            #expect(score(triples.users[t], hardest.negatives[k]) >= best - 1e-5 * max(1, abs(best)))
            #expect(candidates[(k * m)..<((k + 1) * m)].contains(hardest.negatives[k]))
        }
    }

    @Test("training with candidates is deterministic under a seed and differs from plain sampling")
    func deterministic() throws {
        let a = try Self.trainer(candidates: 8), b = try Self.trainer(candidates: 8), plain = try Self.trainer(candidates: 1)
        for _ in 0..<2 { a.trainEpoch(); b.trainEpoch(); plain.trainEpoch() }
        #expect(a.model.embedding.values == b.model.embedding.values)
        #expect(a.model.embedding.values != plain.model.embedding.values)
        // Hard negatives score higher than uniform ones, so the BPR term is larger.
        #expect(a.history[1].bprLoss > plain.history[1].bprLoss)
    }

    @Test("candidates drawn in parallel slices are the same on every run for the same generator state")
    func parallelDrawIsDeterministic() throws {
        let m = 9
        let trainer = try Self.trainer(candidates: m)
        var g = SeededGenerator(seed: 8)
        let triples = BPRSampler(train: Self.dataset.train, strategy: .userUniform).sampleEpoch(using: &g)
        let range = 0..<triples.count
        let start = trainer.generator
        let first = trainer.drawNegativeCandidates(triples, range)
        for _ in 0..<20 {
            trainer.generator = start
            #expect(trainer.drawNegativeCandidates(triples, range) == first)
        }
        // The next batch draws from a different stream.
        trainer.generator = start
        _ = trainer.drawNegativeCandidates(triples, range)
        #expect(trainer.drawNegativeCandidates(triples, range) != first)
        // Every slice's draws are uniform non-positives: over ~10⁴ draws each item appears.
        let drawn = Set((0..<triples.count).flatMap { t in (1..<m).map { first[t * m + $0] } })
        #expect(drawn.count > Self.dataset.train.itemCount * 9 / 10)
    }
}
