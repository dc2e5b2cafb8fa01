import RecData
import RecKernels

/// Interactions kept in a model file's JSON header: each user's item indices, row after row
/// (`offsets[u] ..< offsets[u + 1]` in `items`, sorted within a row). Used for the interactions
/// a model was not fitted on but a user already has (``TrainedModel/knownOutsideTraining``).
struct StoredInteractions: Codable, Sendable {
    var offsets: [Int]
    var items: [Int32]

    init(offsets: [Int], items: [Int32]) {
        self.offsets = offsets
        self.items = items
    }

    init(_ matrix: InteractionMatrix) {
        offsets = matrix.itemsOfUser.offsets
        items = matrix.itemsOfUser.indices
    }

    /// The interactions as a `userCount × itemCount` matrix, after checking that the offsets
    /// start at 0, never decrease and end at the item count, and that every row is strictly
    /// increasing and in range.
    func matrix(userCount: Int, itemCount: Int, path: String) throws(ModelFileError) -> InteractionMatrix {
        guard offsets.count == userCount + 1, offsets.first == 0, offsets.last == items.count else {
            throw .corrupt(path, "the known interactions outside training do not match the user count")
        }
        for u in 0..<userCount {
            guard offsets[u] <= offsets[u + 1] else { throw .corrupt(path, "the known interactions outside training are inconsistent") }
            var previous: Int32 = -1
            for item in items[offsets[u]..<offsets[u + 1]] {
                guard item > previous, item < itemCount else {
                    throw .corrupt(path, "the known interactions outside training are inconsistent")
                }
                previous = item
            }
        }
        return InteractionMatrix(userCount: userCount, itemCount: itemCount,
                                 itemsOfUser: IndexRows(offsets: offsets, indices: items))
    }
}
