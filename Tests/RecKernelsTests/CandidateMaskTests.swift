import RecKernels
import Testing

@Suite("Candidate sets and masks")
struct CandidateMaskTests {
    @Test func setMembershipAcrossWords() {
        var set = CandidateSet(universe: 130, members: [0, 63, 64, 129, 129, 200, -1])
        #expect(set.count == 4)
        #expect(set.members == [0, 63, 64, 129])
        #expect(set.contains(64) && !set.contains(65) && !set.contains(200))
        set.insert(65)
        #expect(set.count == 5)
        let odd = CandidateSet(universe: 130, where: { $0 % 2 == 1 })
        #expect(set.intersection(odd).members == [63, 65, 129])
        #expect(CandidateSet.all(universe: 70).count == 70)
    }

    @Test func maskSetsIneligibleScoresToMinusInfinity() {
        let allowed = CandidateSet(universe: 100, members: Array(10..<80))
        let mask = CandidateMask(excluded: [[12, 13, 500], [79]], allowed: allowed)
        var scores = (0..<100).map { Float($0) }
        mask.apply(to: &scores)
        for i in 0..<100 {
            let eligible = (10..<79).contains(i) && i != 12 && i != 13
            #expect(mask.admits(i) == eligible)
            #expect(scores[i] == (eligible ? Float(i) : -.infinity), "item \(i)")
        }
        #expect(CandidateMask.none.isEmpty && !mask.isEmpty)
    }

    @Test func scorerReturnsExactlyKEligible() {
        // 70 candidates in 2 dimensions scored by a query that prefers large indices.
        let candidates = Matrix<Float>((0..<70).map { [Float($0), 1] })
        let scorer = InnerProductScorer(candidates: candidates)
        let queries = Matrix<Float>([[1, 0], [1, 0]])
        let even = CandidateSet(universe: 70, where: { $0 % 2 == 0 })
        let top = scorer.topK(queries: queries, queryRows: [0, 1], k: 5, masks: { row in
            row == 0 ? CandidateMask(allowed: even) : CandidateMask(excluded: [[69, 68]])
        })
        #expect(top[0].map(\.index) == [68, 66, 64, 62, 60])
        #expect(top[1].map(\.index) == [67, 66, 65, 64, 63])
        let few = scorer.topK(queries: queries, queryRows: [0], k: 5, masks: { _ in
            CandidateMask(allowed: CandidateSet(universe: 70, members: [3, 1]))
        })
        #expect(few[0].map(\.index) == [3, 1])
    }
}
