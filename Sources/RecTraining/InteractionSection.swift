import Foundation
import RecData
import RecKernels

/// Interactions as they sit in a model file: each user's item indices as offsets (Int64,
/// users + 1) then item ids (Int32), sorted within a row. The training interactions of every
/// format are stored this way, and so is ``TrainedModel/knownOutsideTraining``: a section of its
/// own, last before the checksum, whose interaction count the header gives
/// (`knownOutsideTrainingCount`; absent in older files, which have no such section).
enum InteractionSection {
    /// Bytes of a section of `interactions` pairs for `users` users, or nil when a size overflows.
    static func byteCount(users: Int, interactions: Int) -> Int? {
        guard users >= 0, interactions >= 0, users < Int.max / 16, interactions < Int.max / 8 else { return nil }
        return (users + 1) * 8 + interactions * 4
    }

    /// Appends the section of `matrix` to `data`.
    static func append(_ matrix: InteractionMatrix, to data: inout Data) {
        LittleEndianBytes.append(contentsOf: matrix.itemsOfUser.offsets.map { Int64($0) }, to: &data)
        LittleEndianBytes.append(contentsOf: matrix.itemsOfUser.indices, to: &data)
    }

    /// The section at `start` of `data` (its bounds checked by the caller against
    /// ``byteCount(users:interactions:)``), after checking that the offsets start at 0, never
    /// decrease and end at `interactions`, and that every row is strictly increasing and in
    /// range; otherwise "the `what` are inconsistent".
    static func read(_ data: Data, at start: Int, users: Int, items: Int, interactions: Int, what: String,
                     path: String) throws(ModelFileError) -> InteractionMatrix {
        let offsets = LittleEndianBytes.read(Int64.self, from: data, at: start, count: users + 1).map { Int(truncatingIfNeeded: $0) }
        let indices = LittleEndianBytes.read(Int32.self, from: data, at: start + (users + 1) * 8, count: interactions)
        guard offsets[0] == 0, offsets[users] == interactions, ModelFile.isNonDecreasing(offsets),
              ModelFile.allBelow(indices, items), rowsIncrease(offsets, indices)
        else { throw .corrupt(path, "the \(what) are inconsistent") }
        return InteractionMatrix(userCount: users, itemCount: items, itemsOfUser: IndexRows(offsets: offsets, indices: indices))
    }

    /// Whether every row of `indices` (delimited by non-decreasing `offsets`) strictly increases.
    static func rowsIncrease(_ offsets: [Int], _ indices: [Int32]) -> Bool {
        for u in 0..<(offsets.count - 1) where offsets[u + 1] - offsets[u] > 1 {
            for p in (offsets[u] + 1)..<offsets[u + 1] where indices[p - 1] >= indices[p] { return false }
        }
        return true
    }
}
