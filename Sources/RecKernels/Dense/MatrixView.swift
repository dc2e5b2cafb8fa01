/// A strided window onto dense storage that someone else owns: element `(r, c)` lives at
/// `base[r * rowStride + c * columnStride]`.
///
/// Views describe operands of the dense kernels without copying: a row-major ``Matrix`` is
/// `(rowStride: columns, columnStride: 1)`, its transpose swaps the two strides, and a block is an
/// offset base with the same strides. A view does not keep its storage alive; the caller keeps the
/// owning matrix (or buffer) alive while kernels run.
public struct MatrixView<Scalar: KernelScalar>: @unchecked Sendable {
    /// Pointer to element `(0, 0)`.
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Distance in elements between `(r, c)` and `(r + 1, c)`.
    public let rowStride: Int
    /// Distance in elements between `(r, c)` and `(r, c + 1)`.
    public let columnStride: Int

    /// A view of `rows × columns` elements starting at `base` with the given strides.
    @inlinable
    init(base: UnsafeMutablePointer<Scalar>, rows: Int, columns: Int, rowStride: Int, columnStride: Int = 1) {
        precondition(rows >= 0 && columns >= 0, "view dimensions must be non-negative")
        self.base = base
        self.rows = rows
        self.columns = columns
        self.rowStride = rowStride
        self.columnStride = columnStride
    }

    /// The whole of a row-major `matrix`.
    @inlinable
    public init(_ matrix: Matrix<Scalar>) {
        self.init(base: matrix.storage, rows: matrix.rows, columns: matrix.columns,
                  rowStride: matrix.columns, columnStride: 1)
    }

    /// The transpose (no copy: the strides are swapped).
    @inlinable
    public var transposed: MatrixView {
        MatrixView(base: base, rows: columns, columns: rows, rowStride: columnStride, columnStride: rowStride)
    }

    /// The sub-block `rows × columns` (ranges within this view).
    @inlinable
    public func block(rows r: Range<Int>, columns c: Range<Int>) -> MatrixView {
        precondition(r.lowerBound >= 0 && r.upperBound <= rows && c.lowerBound >= 0 && c.upperBound <= columns,
                     "block \(r) × \(c) outside a \(rows) × \(columns) view")
        return MatrixView(base: base + r.lowerBound * rowStride + c.lowerBound * columnStride,
                          rows: r.count, columns: c.count, rowStride: rowStride, columnStride: columnStride)
    }

    /// Element `(r, c)`.
    @inlinable
    public subscript(r: Int, c: Int) -> Scalar {
        get { base[r * rowStride + c * columnStride] }
        nonmutating set { base[r * rowStride + c * columnStride] = newValue }
    }
}
