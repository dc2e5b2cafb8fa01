import RecKernels
import Testing
import RecData

@Suite struct InteractionMatrixTests {
    /// 4 users × 5 items; user 2 has nothing, item 3 has nobody; (0, 4) given twice.
    let matrix = InteractionMatrix(
        userCount: 4, itemCount: 5,
        pairs: [(0, 4), (0, 1), (1, 0), (0, 4), (3, 1), (3, 2), (1, 4)])

    @Test func basics() {
        #expect(matrix.userCount == 4)
        #expect(matrix.itemCount == 5)
        #expect(matrix.interactionCount == 6)
        #expect(matrix.duplicateCount == 1)
        #expect(Array(matrix.items(ofUser: 0)) == [1, 4])
        #expect(Array(matrix.items(ofUser: 1)) == [0, 4])
        #expect(matrix.items(ofUser: 2).isEmpty)
        #expect(Array(matrix.items(ofUser: 3)) == [1, 2])
        #expect(matrix.contains(user: 0, item: 4))
        #expect(!matrix.contains(user: 0, item: 0))
        #expect(!matrix.contains(user: 2, item: 1))
        #expect(matrix.density == 6.0 / 20.0)
    }

    @Test func transposeAndPopularity() {
        #expect(matrix.usersOfItem == IndexRows([[1], [0, 3], [3], [], [0, 1]]))
        #expect(matrix.itemPopularity == [1, 2, 1, 0, 2])
        #expect(matrix.usersWithInteractions == [0, 1, 3])
    }

    @Test func equalityIgnoresDuplicateHistory() {
        let rows = InteractionMatrix(
            userCount: 4, itemCount: 5, itemsOfUser: IndexRows([[1, 4], [0, 4], [], [1, 2]]))
        #expect(rows == matrix)
        #expect(rows.duplicateCount == 0)
        #expect(rows.usersOfItem == matrix.usersOfItem)
        let other = InteractionMatrix(userCount: 4, itemCount: 6, itemsOfUser: rows.itemsOfUser)
        #expect(other != matrix)
    }

    @Test func pairsAndOverlap() {
        #expect(matrix.pairs.map { [$0.user, $0.item] } == [[0, 1], [0, 4], [1, 0], [1, 4], [3, 1], [3, 2]])
        let test = InteractionMatrix(userCount: 4, itemCount: 5, pairs: [(0, 4), (2, 2), (3, 0)])
        #expect(matrix.overlapCount(with: test) == 1)
        #expect(test.overlapCount(with: matrix) == 1)
    }

    @Test("subtracting keeps the pairs the other matrix lacks; knownItems joins two matrices")
    func differenceAndKnownItems() {
        let other = InteractionMatrix(userCount: 4, itemCount: 5, pairs: [(0, 1), (1, 4), (2, 2), (3, 0)])
        let difference = matrix.subtracting(other)
        #expect(difference == InteractionMatrix(userCount: 4, itemCount: 5, pairs: [(0, 4), (1, 0), (3, 1), (3, 2)]))
        #expect(matrix.subtracting(matrix).interactionCount == 0)
        #expect(matrix.knownItems(with: nil) == matrix.itemsOfUser)
        let known = matrix.knownItems(with: other)
        #expect(known == matrix.union(other).itemsOfUser)
        #expect(Array(known.row(2)) == [2])
        #expect(Array(known.row(3)) == [0, 1, 2])
    }

    @Test func emptyMatrix() {
        let empty = InteractionMatrix.empty(userCount: 3, itemCount: 2)
        #expect(empty.interactionCount == 0)
        #expect(empty.usersWithInteractions.isEmpty)
        #expect(empty.itemPopularity == [0, 0])
    }
}
