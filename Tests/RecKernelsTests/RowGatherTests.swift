import Testing
import RecKernels

@Suite("Row gather and scatter")
struct RowGatherTests {
    @Test("gather copies the listed rows in order; scatter puts them back and touches nothing else", arguments: [5, 3000])
    func roundTrip(listed: Int) {
        let rows = 4000, d = 13
        let source = Matrix<Float>(rows: rows, columns: d, values: (0..<rows * d).map { Float($0) })
        var g = SeededGenerator(seed: 9)
        var order = Array(0..<Int32(rows))
        order.shuffle(using: &g)
        let chosen = Array(order.prefix(listed))
        let compact = Matrix<Float>(rows: listed, columns: d)
        source.gatherRows(chosen, into: compact)
        for (k, r) in chosen.enumerated() { #expect(compact.rowArray(k) == source.rowArray(Int(r))) }

        let target = Matrix<Float>(rows: rows, columns: d, values: [Float](repeating: -1, count: rows * d))
        target.scatterRows(chosen, from: compact)
        let listedSet = Set(chosen)
        for r in 0..<rows {
            let expected = listedSet.contains(Int32(r)) ? source.rowArray(r) : [Float](repeating: -1, count: d)
            #expect(target.rowArray(r) == expected)
        }
    }
}
