import Foundation
import RecData
import RecKernels
import RecModels

/// Does renumbering the nodes make the Gowalla SpMM faster? `swift run -c release
/// lightgcn-benchmarks kernels/spmm-reordering`: the normalised adjacency of the Gowalla training
/// graph (70,839 nodes) times a 70,839 × 64 table, in the published order (users, then items),
/// after sorting nodes by degree (descending), after reverse Cuthill–McKee (RCM), with RCM's
/// order for the rows only, and with RCM's order inside users and inside items (users still
/// first, so a relabelling of user and item ids gives it), alternated in one
/// process (`SPMM_ROUNDS` rounds, default 15), medians in milliseconds and the ratio to the
/// published order.
enum SpMMReorderingBenchmark {
    static func run() throws {
        let directory = GowallaBaselineBenchmark.directory
        guard FileManager.default.fileExists(atPath: directory + "/train.txt") else {
            throw GowallaBaselineBenchmark.BenchmarkDataMissing(path: directory)
        }
        let data = try RecommendationDataset.loadPaperFormat(directory: directory, name: "gowalla")
        let graph = PropagationGraph<Float>(userCount: data.userCount, itemCount: data.itemCount,
                                            itemsOfUser: data.train.itemsOfUser)
        let a = graph.adjacency
        let n = a.rows
        let degree = (0..<n).map { a.rowLength($0) }
        let byDegree = (0..<n).sorted { degree[$0] > degree[$1] || (degree[$0] == degree[$1] && $0 < $1) }
        let rcm = reverseCuthillMcKee(a, degree: degree)
        let variants: [(String, SparseMatrix<Float>)] = [
            ("published order", a),
            ("degree, descending", permuted(a, order: byDegree)),
            ("reverse Cuthill-McKee", permuted(a, order: rcm)),
            ("RCM rows, published ids", permuted(a, order: rcm, renumberColumns: false)),
            ("RCM, users then items", permuted(a, order: rcm.filter { $0 < data.userCount } + rcm.filter { $0 >= data.userCount })),
        ]
        var g = SeededGenerator(seed: 5)
        let x = Matrix(rows: n, columns: 64, values: (0..<(n * 64)).map { _ in Float.random(in: -1...1, using: &g) })
        let y = Matrix<Float>(rows: n, columns: 64)
        let rounds = ProcessInfo.processInfo.environment["SPMM_ROUNDS"].flatMap(Int.init) ?? 15
        var times = [[Double]](repeating: [], count: variants.count)
        for _ in 0..<rounds {
            for (v, variant) in variants.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                variant.1.multiply(x, into: y)
                times[v].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
        }
        let medians = times.map { $0.sorted()[$0.count / 2] }
        print("Gowalla SpMM, \(n) nodes, \(a.nonZeroCount) non-zeros, d = 64, \(rounds) alternated rounds, load \(loadAverage)")
        for (v, variant) in variants.enumerated() {
            print(String(format: "  %-24@ median %.2f ms (min %.2f), %.2f× the published order's time",
                         variant.0 as NSString, medians[v], times[v].min()!, medians[v] / medians[0]))
        }
    }

    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// `P A Pᵀ` for the renumbering `order` (new node r is old node `order[r]`), columns sorted;
    /// with `renumberColumns` false, `P A` (rows visited in the new order, the table read by the
    /// published ids).
    static func permuted(_ a: SparseMatrix<Float>, order: [Int], renumberColumns: Bool = true) -> SparseMatrix<Float> {
        var newIndex = [Int32](repeating: 0, count: a.rows)
        for (r, old) in order.enumerated() { newIndex[old] = renumberColumns ? Int32(r) : Int32(old) }
        var offsets = [0], columns: [Int32] = [], values: [Float] = []
        columns.reserveCapacity(a.nonZeroCount)
        values.reserveCapacity(a.nonZeroCount)
        for old in order {
            let entries = (a.rowOffsets[old]..<a.rowOffsets[old + 1])
                .map { (newIndex[Int(a.columnIndices[$0])], a.values[$0]) }
                .sorted { $0.0 < $1.0 }
            for (c, v) in entries { columns.append(c); values.append(v) }
            offsets.append(columns.count)
        }
        return SparseMatrix(rows: a.rows, columns: a.columns, rowOffsets: offsets, columnIndices: columns, values: values)
    }

    /// Reverse Cuthill–McKee: breadth-first from a lowest-degree unvisited node, neighbours by
    /// increasing degree, the whole order reversed.
    static func reverseCuthillMcKee(_ a: SparseMatrix<Float>, degree: [Int]) -> [Int] {
        let n = a.rows
        var visited = [Bool](repeating: false, count: n)
        var order: [Int] = []
        order.reserveCapacity(n)
        let starts = (0..<n).sorted { degree[$0] < degree[$1] || (degree[$0] == degree[$1] && $0 < $1) }
        for start in starts where !visited[start] {
            visited[start] = true
            order.append(start)
            var head = order.count - 1
            while head < order.count {
                let node = order[head]
                head += 1
                let next = (a.rowOffsets[node]..<a.rowOffsets[node + 1]).map { Int(a.columnIndices[$0]) }
                    .filter { !visited[$0] }
                    .sorted { degree[$0] < degree[$1] || (degree[$0] == degree[$1] && $0 < $1) }
                for m in next where !visited[m] {
                    visited[m] = true
                    order.append(m)
                }
            }
        }
        return order.reversed()
    }
}
