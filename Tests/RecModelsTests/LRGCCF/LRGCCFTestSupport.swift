import RecData
import RecKernels
import RecModels

/// Tiny LR-GCCF set-ups shared by the LR-GCCF tests.
enum LRGCCFTestSupport {
    /// 5 users and 6 items with a few interactions each, user 4 without any and item 5 never
    /// seen (isolated nodes exercise the self loop `Ã[v, v] = 1`).
    static let itemsOfUser = IndexRows([[0, 2, 3], [1, 2], [0, 4], [2, 3, 4, 1]])
    static let userCount = 5, itemCount = 6

    /// A Double model with random `E` and random (non-symmetric) transforms, so that a transposed
    /// `W` or a missing block changes every result.
    /// Entries are uniform in `[−scale, scale)` (`E`) and `[−√(3/d), √(3/d))` (`W`, so that a layer
    /// keeps the size of its input and the scores stay away from the flat ends of the sigmoid).
    static func model(layers: Int, dimension: Int = 3, scale: Double = 1, seed: UInt64 = 11) -> LRGCCF<Double> {
        var g = SeededGenerator(seed: seed)
        func random(_ rows: Int, _ columns: Int, _ bound: Double) -> Matrix<Double> {
            Matrix(rows: rows, columns: columns,
                   values: (0..<rows * columns).map { _ in bound * Double.random(in: -1..<1, using: &g) })
        }
        let table = random(userCount + itemCount, dimension, scale)
        let transforms = (0..<layers).map { _ in random(dimension, dimension, (3 / Double(dimension)).squareRoot()) }
        return LRGCCF(userCount: userCount, embedding: table, transforms: transforms)
    }

    /// Triples over the tiny graph: repeated users and items, and a negative that is someone
    /// else's positive, so that gradient accumulation into shared rows is exercised.
    static let triples = BPRTriples(users: [0, 1, 0, 3, 2, 4], positives: [2, 1, 3, 4, 0, 5], negatives: [5, 0, 1, 0, 3, 2])

    /// The dense operator `(D+I)^{-1/2}(A+I)(D+I)^{-1/2}` written out from its definition.
    static func referenceOperator() -> [[Double]] {
        let n = userCount + itemCount
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for u in 0..<itemsOfUser.rowCount {
            for i in itemsOfUser.row(u) {
                a[u][userCount + Int(i)] += 1
                a[userCount + Int(i)][u] += 1
            }
        }
        let degree = a.map { $0.reduce(0, +) }
        for v in 0..<n { a[v][v] += 1 }
        var result = a
        for r in 0..<n {
            for c in 0..<n {
                let scale = ((degree[r] + 1) * (degree[c] + 1)).squareRoot()
                result[r][c] = a[r][c] / scale
            }
        }
        return result
    }

    /// `a · b` for nested arrays.
    static func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        let columns = b.first?.count ?? 0
        var result = [[Double]](repeating: [Double](repeating: 0, count: columns), count: a.count)
        for r in a.indices {
            for k in b.indices {
                for c in 0..<columns { result[r][c] += a[r][k] * b[k][c] }
            }
        }
        return result
    }
}
