import RecKernels
import Testing
@testable import RecData

@Suite("Validation carved from a published training split")
struct ValidationHoldoutTests {
    static func dataset() -> RecommendationDataset {
        // User u has u + 1 training items (0…u) and test item 9.
        let train = InteractionMatrix(userCount: 8, itemCount: 10,
                                      pairs: (0..<8).flatMap { u in (0...u).map { (u, $0) } })
        let test = InteractionMatrix(userCount: 8, itemCount: 10, pairs: (0..<8).map { ($0, 9) })
        return RecommendationDataset(name: "tiny", train: train, test: test)
    }

    @Test("moves round(n·f) of each user's items, keeps one in training, leaves test alone")
    func carves() throws {
        let original = Self.dataset()
        var generator = SeededGenerator(seed: 5)
        let carved = try original.carvingValidation(fraction: 0.25, using: &generator)
        let validation = try #require(carved.validation)
        #expect(carved.test == original.test)
        for u in 0..<8 {
            let n = u + 1
            let expected = min(Int((Double(n) * 0.25).rounded()), n - 1)
            #expect(validation.items(ofUser: u).count == expected)
            #expect(carved.train.items(ofUser: u).count == n - expected)
            #expect(carved.train.overlapCount(with: validation) == 0)
        }
        #expect(carved.train.union(validation) == original.train)
        #expect(carved.knownBeforeTest == original.train)
    }

    @Test("the same seed gives the same split and fingerprint; another seed another")
    func reproducible() throws {
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 1), c = SeededGenerator(seed: 2)
        let first = try Self.dataset().carvingValidation(fraction: 0.3, using: &a)
        let second = try Self.dataset().carvingValidation(fraction: 0.3, using: &b)
        let third = try Self.dataset().carvingValidation(fraction: 0.3, using: &c)
        #expect(first == second && first.splitFingerprint == second.splitFingerprint)
        #expect(first.train != third.train && first.splitFingerprint != third.splitFingerprint)
        #expect(first.splitFingerprint != Self.dataset().splitFingerprint)
    }

    @Test("fractions outside (0, 1) are refused by name")
    func badFraction() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: DataError.invalidParameter(name: "validation fraction", reason: "1.0 must be in (0, 1)")) {
            try Self.dataset().carvingValidation(fraction: 1, using: &generator)
        }
    }
}
