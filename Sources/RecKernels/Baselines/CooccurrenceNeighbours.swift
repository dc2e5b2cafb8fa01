/// Item-item neighbourhoods from co-occurrence (ItemKNN's fit): for item `i`,
///
///     c_ij = #{u ∈ usersOfItem(i) : j ∈ itemsOfUser(u)},   s_ij = c_ij / (norms[i]·norms[j] + shrinkage),   j ≠ i
///
/// and the `k` items with the largest `s_ij > 0`, best first (ties towards the smaller index,
/// ``TopKSelector``). Items run in parallel, each worker with its own dense count/score rows.
public enum CooccurrenceNeighbours {
    public static func topK(usersOfItem: IndexRows, itemsOfUser: IndexRows, norms: [Float], shrinkage: Float,
                            k: Int) -> [[(index: Int, score: Float)]] {
        let n = norms.count
        precondition(usersOfItem.rowCount == n, "CooccurrenceNeighbours: \(usersOfItem.rowCount) item rows for \(n) norms")
        var neighbourLists = [[(index: Int, score: Float)]](repeating: [], count: n)
        usersOfItem.offsets.withUnsafeBufferPointer { userOffsets in
        usersOfItem.indices.withUnsafeBufferPointer { users in
        itemsOfUser.offsets.withUnsafeBufferPointer { itemOffsets in
        itemsOfUser.indices.withUnsafeBufferPointer { items in
        norms.withUnsafeBufferPointer { norms in
        neighbourLists.withUnsafeMutableBufferPointer { out in
            let chunks = min(max(n, 1), 4 * defaultParallelChunks)
            parallelFor(chunks) { chunk in
                let counts = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(n, 1))
                defer { counts.deallocate(); scores.deallocate() }
                counts.initialize(repeating: 0, count: n)
                scores.initialize(repeating: -.infinity, count: n)
                var touched: [Int32] = []
                var selector = TopKSelector<Float>(k: k)
                var i = chunk
                while i < n {
                    for p in userOffsets[i]..<userOffsets[i + 1] {
                        let user = Int(users[p])
                        for q in itemOffsets[user]..<itemOffsets[user + 1] {
                            let j = items[q]
                            if Int(j) == i { continue }
                            if counts[Int(j)] == 0 { touched.append(j) }
                            counts[Int(j)] += 1
                        }
                    }
                    for j in touched {
                        let c = counts[Int(j)]
                        scores[Int(j)] = c / (norms[i] * norms[Int(j)] + shrinkage)
                    }
                    out[i] = selector.select(UnsafePointer(scores), count: n).filter { $0.score > 0 }
                    for j in touched {
                        counts[Int(j)] = 0
                        scores[Int(j)] = -.infinity
                    }
                    touched.removeAll(keepingCapacity: true)
                    i += chunks
                }
            }
        }
        }
        }
        }
        }
        }
        return neighbourLists
    }
}
