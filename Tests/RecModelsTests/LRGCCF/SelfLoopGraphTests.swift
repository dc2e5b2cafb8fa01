import RecKernels
import RecModels
import Testing

@Suite("Self-loop propagation graph")
struct SelfLoopGraphTests {
    @Test("entries equal (D+I)^{-1/2}(A+I)(D+I)^{-1/2}, columns sorted, symmetric storage")
    func entriesMatchDefinition() {
        let s = LRGCCFTestSupport.self
        let graph = PropagationGraph<Double>.selfLoopBipartite(userCount: s.userCount, itemCount: s.itemCount,
                                                               itemsOfUser: s.itemsOfUser)
        let reference = s.referenceOperator()
        let a = graph.adjacency
        var dense = [[Double]](repeating: [Double](repeating: 0, count: graph.nodeCount), count: graph.nodeCount)
        for r in 0..<a.rows {
            let columns = a.columnIndices[a.rowOffsets[r]..<a.rowOffsets[r + 1]]
            #expect(zip(columns, columns.dropFirst()).allSatisfy { $0 < $1 }, "row \(r) columns not sorted")
            for p in a.rowOffsets[r]..<a.rowOffsets[r + 1] { dense[r][Int(a.columnIndices[p])] += a.values[p] }
        }
        expectClose(dense.flatMap { $0 }, reference.flatMap { $0 }, "Ã", relative: 1e-14, absolute: 1e-15)
        #expect(graph.isSymmetric)
        // User 4 and item 5 have no interactions: they keep their own embedding.
        #expect(dense[4][4] == 1 && dense[s.userCount + 5][s.userCount + 5] == 1)
        // Every user has its self loop, so nnz = 2·interactions + nodes.
        #expect(graph.edgeCount == 2 * s.itemsOfUser.indices.count + graph.nodeCount)
    }

    @Test("one propagation equals the dense product")
    func propagationMatchesDense() {
        let s = LRGCCFTestSupport.self
        let graph = PropagationGraph<Double>.selfLoopBipartite(userCount: s.userCount, itemCount: s.itemCount,
                                                               itemsOfUser: s.itemsOfUser)
        var g = SeededGenerator(seed: 5)
        let x = RandomGraphs.matrix(rows: graph.nodeCount, columns: 4, generator: &g)
        let y = Matrix<Double>(rows: graph.nodeCount, columns: 4)
        graph.adjacency.multiply(x, into: y)
        let expected = s.product(s.referenceOperator(), x.rowArrays)
        expectClose(y.values, expected.flatMap { $0 }, "Ã·X", relative: 1e-13, absolute: 1e-15)
    }
}
