/// Finds repeated (user, item) pairs in parallel arrays of records and picks the one record to
/// keep for each pair: the earliest by timestamp when there are timestamps (the first in file
/// order on ties), else the first in file order.
///
/// O(records + users + items): records are grouped by user with a counting sort and checked
/// against a per-item stamp, with no hashing and no sorting.
enum PairDeduplicator {
    /// The outcome: `kept` lists the records to keep in increasing order (nil when every record
    /// is kept), `duplicateCount` how many were dropped, and `first` the first repeat found as
    /// (dropped record, kept record).
    struct Result {
        var kept: [Int]?
        var duplicateCount: Int
        var first: (dropped: Int, kept: Int)?
    }

    static func deduplicate(
        users: [Int32], items: [Int32], timestamps: [Int64]?, userCount: Int, itemCount: Int
    ) -> Result {
        let n = users.count
        guard n > 1 else { return Result(kept: nil, duplicateCount: 0, first: nil) }
        var offsets = [Int](repeating: 0, count: userCount + 1)
        for u in users { offsets[Int(u) + 1] += 1 }
        for u in 0..<userCount { offsets[u + 1] += offsets[u] }
        var order = [Int32](repeating: 0, count: n)
        var cursor = offsets
        for r in 0..<n {
            let u = Int(users[r])
            order[cursor[u]] = Int32(r)
            cursor[u] += 1
        }
        var stamp = [Int32](repeating: -1, count: itemCount)
        var keeper = [Int32](repeating: 0, count: itemCount)
        var dropped: [Bool] = []
        var duplicateCount = 0
        var first: (dropped: Int, kept: Int)?
        for u in 0..<userCount {
            for k in offsets[u]..<offsets[u + 1] {
                let r = Int(order[k])
                let item = Int(items[r])
                if stamp[item] != Int32(u) {
                    stamp[item] = Int32(u)
                    keeper[item] = Int32(r)
                    continue
                }
                if dropped.isEmpty { dropped = [Bool](repeating: false, count: n) }
                let previous = Int(keeper[item])
                duplicateCount += 1
                if let timestamps, timestamps[r] < timestamps[previous] {
                    dropped[previous] = true
                    keeper[item] = Int32(r)
                    if first == nil || previous < first!.dropped { first = (previous, r) }
                } else {
                    dropped[r] = true
                    if first == nil || r < first!.dropped { first = (r, previous) }
                }
            }
        }
        guard duplicateCount > 0 else { return Result(kept: nil, duplicateCount: 0, first: nil) }
        let kept = (0..<n).filter { !dropped[$0] }
        return Result(kept: kept, duplicateCount: duplicateCount, first: first)
    }
}
