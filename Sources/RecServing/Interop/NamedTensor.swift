import RecKernels

/// A named two-dimensional `Float` tensor, row-major: the unit that the export and import
/// formats (safetensors, NPY, CSV) read and write.
public struct NamedTensor: Sendable, Equatable {
    /// The tensor's name (`user_embedding`, `item_embedding`, `embedding_layer0`, …).
    public var name: String
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var columns: Int
    /// The `rows × columns` values, row after row.
    public var values: [Float]

    /// A tensor from its values.
    ///
    /// - Precondition: `values.count == rows * columns`.
    public init(name: String, rows: Int, columns: Int, values: [Float]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "NamedTensor \(name): \(values.count) values for shape \(rows) × \(columns)")
        self.name = name
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A tensor holding a copy of `matrix`.
    public init(name: String, matrix: Matrix<Float>) {
        self.init(name: name, rows: matrix.rows, columns: matrix.columns, values: matrix.values)
    }

    /// The values as a new matrix.
    public func matrix() -> Matrix<Float> {
        Matrix(rows: rows, columns: columns, values: values)
    }
}
