import Testing
@testable import RecKernels

@Suite("Top-K over candidate blocks")
struct BlockedTopKTests {
    @Test("a row offered in blocks selects what the whole row selects", arguments: [1, 7, 20])
    func streamingEqualsWholeRow(k: Int) {
        var g = SeededGenerator(seed: UInt64(100 + k))
        for n in [0, 15, 16, 33, 1000, 2049] {
            var scores = (0..<n).map { _ in Float(g.nextIndex(below: 9)) }
            for i in stride(from: 1, to: n, by: 7) { scores[i] = -.infinity }
            var whole = TopKSelector<Float>(k: k)
            let expected = whole.select(scores)
            var blocks = TopKSelector<Float>(k: k)
            blocks.reset()
            var start = 0
            while start < n {
                let width = 1 + g.nextIndex(below: 300)
                let end = min(n, start + width)
                scores[start..<end].withUnsafeBufferPointer { blocks.offer($0.baseAddress!, count: end - start, firstIndex: start) }
                start = end
            }
            let got = blocks.finish()
            #expect(got.map(\.index) == expected.map(\.index), "n=\(n) k=\(k)")
            #expect(got.map(\.score) == expected.map(\.score))
        }
    }

    @Test("the vector prefilter never misses a value above the threshold")
    func prefilterHasNoFalseNegatives() {
        let specials: [Float] = [-.infinity, .infinity, 0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1.0000001, 0.99999994, .nan]
        let thresholds: [Float] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                   -.greatestFiniteMagnitude, 0.99999994, -.infinity]
        for t in thresholds {
            for (n, value) in specials.enumerated() {
                // One special value among 64 at −∞, at a different position each time.
                var values = [Float](repeating: -.infinity, count: 64)
                values[(n * 17) % 64] = value
                let flagged = values.withUnsafeBufferPointer { Float.mayExceed($0.baseAddress!, count: 64, t) }
                if value > t { #expect(flagged, "value \(value) above threshold \(t) missed") }
                if value < t && t != -.infinity { #expect(!flagged, "value \(value) below threshold \(t) flagged") }
                let first16 = values.withUnsafeBufferPointer { Float.mayExceed($0.baseAddress!, count: 16, t) }
                if value > t && (n * 17) % 64 < 16 { #expect(first16, "value \(value) in the first 16 missed") }
            }
            if t.isFinite {
                let step = max(1, abs(Double(t)))
                var values = [Double](repeating: Double(t) - step, count: 64)
                #expect(!values.withUnsafeBufferPointer { Double.mayExceed($0.baseAddress!, count: 64, Double(t)) })
                values[63] = Double(t) + step
                #expect(values.withUnsafeBufferPointer { Double.mayExceed($0.baseAddress!, count: 64, Double(t)) })
            }
        }
    }

    @Test("a mask applied to a block equals the same slice of the masked row")
    func maskOnBlocks() {
        let n = 300
        let allowed = CandidateSet(universe: n, where: { $0 % 3 != 0 || $0 > 250 })
        let mask = CandidateMask(excluded: [[5, 70, 71, 299, -1, 400], [128, 5]], allowed: allowed)
        var row = (0..<n).map(Float.init)
        mask.apply(to: &row)
        for range in [0..<64, 64..<128, 100..<130, 129..<300, 0..<300, 250..<251] {
            var block = range.map(Float.init)
            block.withUnsafeMutableBufferPointer { mask.apply(to: $0.baseAddress!, candidates: range) }
            #expect(block == Array(row[range]), "\(range)")
        }
    }

    @Test("blocked scoring over several blocks and query groups equals brute force")
    func severalBlocksAndGroups() {
        var g = SeededGenerator(seed: 11)
        let users = 150, items = 2_500, d = 8   // 3 blocks of 1024 (the last partial), 3 groups of 64
        let q = Matrix(rows: users, columns: d, values: (0..<(users * d)).map { _ in Float.random(in: -1...1, using: &g) })
        let c = Matrix(rows: items, columns: d, values: (0..<(items * d)).map { _ in Float.random(in: -1...1, using: &g) })
        let scorer = InnerProductScorer(candidates: c)
        let odd = CandidateSet(universe: items, where: { $0 % 2 == 1 })
        let masks: (Int) -> CandidateMask = { i in
            i % 3 == 0 ? CandidateMask(allowed: odd)
                : CandidateMask(excluded: [ArraySlice((0..<items).filter { ($0 + i) % 11 == 0 }.map(Int32.init))])
        }
        let rows = Array(0..<users)
        let got = scorer.topK(queries: q, queryRows: rows, k: 25, masks: masks)
        for u in rows {
            let mask = masks(u)
            var s = [Float](repeating: 0, count: items)
            for j in 0..<items {
                var acc: Float = 0
                for t in 0..<d { acc += q[u, t] * c[j, t] }
                s[j] = mask.admits(j) ? acc : -.infinity
            }
            let expected = TopKTests.referenceTopK(s, k: 25)
            #expect(got[u].map(\.index) == expected, "user \(u)")
        }
        // The same query alone, or in a different group, gets bit-identical scores.
        for u in [0, 63, 64, 149] {
            let alone = scorer.topK(queries: q, queryRows: [u], k: 25, masks: { _ in masks(u) })[0]
            #expect(alone.map(\.index) == got[u].map(\.index))
            #expect(alone.map(\.score) == got[u].map(\.score))
        }
    }

    @Test("the wide and the narrow tile give the same scores bit for bit", arguments: [1, 8, 20, 64])
    func tileShapesAgree(dimension d: Int) {
        var g = SeededGenerator(seed: 40 + UInt64(d))
        let items = 100  // four panels, the last partly padding
        let c = Matrix(rows: items, columns: d, values: (0..<(items * d)).map { _ in Float.random(in: -1...1, using: &g) })
        let scorer = InnerProductScorer(candidates: c)
        var packed = [Float](repeating: 0, count: 8 * d)
        for i in packed.indices { packed[i] = Float.random(in: -1...1, using: &g) }
        let width = 128, stride = width + 5  // a row stride wider than the columns scored
        var wide = [Float](repeating: .nan, count: 8 * stride), narrow = wide
        packed.withUnsafeBufferPointer { p in
            wide.withUnsafeMutableBufferPointer { scorer.scoreTileWide(packed: p.baseAddress!, columns: 0..<width, into: $0.baseAddress!, rowStride: stride) }
            narrow.withUnsafeMutableBufferPointer { scorer.scoreTileNarrow(packed: p.baseAddress!, columns: 0..<width, into: $0.baseAddress!, rowStride: stride) }
        }
        for r in 0..<8 {
            for j in 0..<width {
                let w = wide[r * stride + j], n = narrow[r * stride + j]
                #expect(w.bitPattern == n.bitPattern, "row \(r), candidate \(j)")
                if j < items {  // the sum in dimension order, as the kernels form it
                    var acc: Float = 0
                    for t in 0..<d { acc = acc.addingProduct(packed[t * 8 + r], c[j, t]) }
                    #expect(abs(n - acc) <= 1e-5 * max(1, abs(acc)))
                }
            }
            // Nothing is written past the columns scored.
            let untouched = narrow[(r * stride + width)..<(r * stride + stride)].allSatisfy { $0.isNaN }
            #expect(untouched)
        }
    }
}
