import Testing
import RecKernels

/// `Matrix.firstBestCandidates` against a loop over `laneDot`, the scorer it replaced.
@Suite("Best of a query's candidates")
struct BestCandidatesTests {
    /// The reference: one `laneDot` per candidate, the first strictly higher score wins.
    static func loopChoice(_ table: Matrix<Float>, query: Int32, candidates: ArraySlice<Int32>, offset: Int) -> Int32 {
        var best = -Float.infinity, choice: Int32 = 0
        for (c, j) in candidates.enumerated() {
            let score = table.laneDot(Int(query), table, offset + Int(j))
            if score > best { best = score; choice = Int32(c) }
        }
        return choice
    }

    @Test("the same choice as a laneDot loop, for rows of 64 (the four-block path) and of other widths",
          arguments: [64, 20, 70, 16])
    func sameChoiceAsLaneDotLoop(width: Int) {
        let users = 150, items = 400, m = 13
        let table = RowKernelTests.random(users + items, width, seed: UInt64(width))
        var g = SeededGenerator(seed: 21)
        let queries = (0..<300).map { _ in Int32(g.nextIndex(below: users)) }
        let candidates = (0..<queries.count * m).map { _ in Int32(g.nextIndex(below: items)) }
        let chosen = table.firstBestCandidates(queryRows: queries, candidates: candidates, perQuery: m,
                                               candidateRowOffset: users)
        #expect(chosen.count == queries.count)
        var differentFromFirst = 0
        for q in queries.indices {
            let expected = Self.loopChoice(table, query: queries[q], candidates: candidates[(q * m)..<((q + 1) * m)],
                                           offset: users)
            #expect(chosen[q] == expected)
            if expected != 0 { differentFromFirst += 1 }
        }
        #expect(differentFromFirst > queries.count / 2)  // the choice is not just the first candidate
    }

    @Test("equal scores keep the first; a NaN score never wins; all NaN keeps position 0")
    func tiesAndNaN() {
        let table = RowKernelTests.random(10, 64, seed: 5)
        // Rows 7 and 8 equal and far better for query row 0 than any other; row 9 NaN.
        for c in 0..<64 {
            table[7, c] = 10 * table[0, c]
            table[8, c] = 10 * table[0, c]
            table[9, c] = .nan
        }
        let chosen = table.firstBestCandidates(queryRows: [0, 0, 0, 0],
                                               candidates: [1, 9, 8, 7, 2, 6, 8, 9, 9, 9, 9, 9, 9, 1, 9, 7],
                                               perQuery: 4, candidateRowOffset: 0)
        #expect(chosen == [2, 2, 0, 3])
    }

    @Test("one candidate per query and no queries")
    func edgeSizes() {
        let table = RowKernelTests.random(5, 64, seed: 6)
        #expect(table.firstBestCandidates(queryRows: [1, 2], candidates: [3, 4], perQuery: 1, candidateRowOffset: 0) == [0, 0])
        #expect(table.firstBestCandidates(queryRows: [], candidates: [], perQuery: 3, candidateRowOffset: 0).isEmpty)
    }
}
