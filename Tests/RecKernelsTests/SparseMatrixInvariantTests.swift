import Testing
@testable import RecKernels

/// The CSR invariants that `SparseMatrix.init` asserts in debug builds.
@Suite("CSR invariants checked in debug builds")
struct SparseMatrixInvariantTests {
    @Test("sorted rows (repeats allowed) and empty rows pass; unsorted, out-of-range or decreasing offsets fail")
    func invariants() {
        #expect(SparseMatrix<Float>.hasSortedRows(columns: 4, rowOffsets: [0, 2, 2, 5], columnIndices: [0, 3, 1, 1, 2]))
        #expect(SparseMatrix<Float>.hasSortedRows(columns: 1, rowOffsets: [0], columnIndices: []))
        #expect(!SparseMatrix<Float>.hasSortedRows(columns: 4, rowOffsets: [0, 2], columnIndices: [3, 0]))
        #expect(!SparseMatrix<Float>.hasSortedRows(columns: 4, rowOffsets: [0, 1], columnIndices: [4]))
        #expect(!SparseMatrix<Float>.hasSortedRows(columns: 4, rowOffsets: [0, 1], columnIndices: [-1]))
        #expect(!SparseMatrix<Float>.hasSortedRows(columns: 4, rowOffsets: [0, 2, 1, 2], columnIndices: [0, 1]))
    }

    @Test("the coordinate initialiser sorts each row's columns, so its output passes")
    func coordinatesSorted() {
        let m = SparseMatrix<Float>(rows: 2, columns: 3, rowIndices: [1, 0, 1, 0], columnIndices: [2, 1, 0, 0], values: [1, 2, 3, 4])
        #expect(SparseMatrix<Float>.hasSortedRows(columns: 3, rowOffsets: m.rowOffsets, columnIndices: m.columnIndices))
        #expect(m.columnIndices == [0, 1, 0, 2])
    }
}
