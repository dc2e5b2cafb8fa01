import RecKernels

/// The learned projection of one side's features (users' or items') into the embedding space:
///
///     φ(v) = Σ_{categorical c} W_c[code_c(v)]
///          + Σ_{multi-valued m} (1/|K_m(v)|) Σ_{k∈K_m(v)} W_m[k]
///          + Σ_{numeric n} z_n(v) · w_n,        z_n(v) = (x_n(v) − μ_n) / σ_n
///
/// with one `K × D` table per (multi-valued) categorical column, one `1 × D` row per numeric
/// column, and `μ_n, σ_n` taken from the rows the encoder was created with (the training
/// nodes; σ = 1 when constant; see ``FeatureSchema``). A missing value contributes nothing. The
/// row of a category that no creation row has is zero, like an unknown value: it never receives
/// a gradient, so a new node with that category gets the same (zero) contribution as one whose
/// value is unknown. φ is linear in the tables, so with `G = ∂L/∂φ` (one row per node):
///
///     ∂L/∂W_c[k] = Σ_{v: code_c(v)=k} G_v,   ∂L/∂W_m[k] = Σ_{v: k∈K_m(v)} G_v / |K_m(v)|,
///     ∂L/∂w_n = Σ_v z_n(v) · G_v
public final class FeatureEncoder<Scalar: KernelScalar>: Sendable {
    /// The names of the columns, in order (one table each).
    public let columnNames: [String]
    /// The parameter tables, one per column: `cardinality × D`, or `1 × D` for a number.
    public let tables: [Matrix<Scalar>]
    /// Mean of each numeric column on the creation rows (0 for other columns).
    public let means: [Double]
    /// Standard deviation of each numeric column on the creation rows (1 for other columns).
    public let deviations: [Double]
    /// Embedding dimension `D`.
    public let dimension: Int
    /// The columns' labels and the numeric statistics of the creation rows: what is needed to
    /// read a new node's features from text (``FeatureSchema/features(from:unknownValues:)``).
    public let schema: FeatureSchema

    /// An encoder for the columns of `features` (the training nodes' rows), tables drawn from
    /// N(0, standardDeviation²) except the rows of categories that no row of `features` has,
    /// which are zero.
    public init(features: NodeFeatures, dimension: Int, standardDeviation: Double = 0.1,
                generator: inout SeededGenerator) {
        self.dimension = dimension
        columnNames = features.columns.map(\.name)
        schema = FeatureSchema(training: features)
        var tables: [Matrix<Scalar>] = [], means: [Double] = [], deviations: [Double] = []
        for (column, description) in zip(features.columns, schema.columns) {
            let table = Matrix<Scalar>(rows: column.tableRows, columns: dimension)
            table.fill { _ in Scalar(generator.nextGaussian() * standardDeviation) }
            for k in Self.unusedCategories(column) { table.zeroRow(k) }
            tables.append(table)
            if case .numeric(let mean, let deviation) = description.kind {
                means.append(mean)
                deviations.append(deviation)
            } else {
                means.append(0)
                deviations.append(1)
            }
        }
        self.tables = tables
        self.means = means
        self.deviations = deviations
    }

    /// An encoder from the parts of a trained one (for example read back from a model file):
    /// its ``schema`` and its ``tables``, one per schema column with
    /// ``FeatureSchema/Column/tableRows`` rows and `dimension` columns, used as given (not
    /// copied). The numeric statistics come from the schema.
    public init(schema: FeatureSchema, tables: [Matrix<Scalar>], dimension: Int) {
        precondition(tables.count == schema.columns.count,
                     "FeatureEncoder: \(tables.count) tables for \(schema.columns.count) columns")
        for (column, table) in zip(schema.columns, tables) {
            precondition(table.rows == column.tableRows && table.columns == dimension,
                         "FeatureEncoder: column \(column.name) needs a \(column.tableRows) × \(dimension) table")
        }
        self.dimension = dimension
        self.schema = schema
        self.tables = tables
        columnNames = schema.columnNames
        means = schema.columns.map { if case .numeric(let mean, _) = $0.kind { mean } else { 0 } }
        deviations = schema.columns.map { if case .numeric(_, let deviation) = $0.kind { deviation } else { 1 } }
    }

    /// The categories of a (multi-valued) categorical column that none of its rows has.
    static func unusedCategories(_ column: FeatureColumn) -> [Int] {
        var used = [Bool](repeating: false, count: column.tableRows)
        switch column.values {
        case .categorical(let codes, _):
            for code in codes where code >= 0 { used[Int(code)] = true }
        case .multiCategorical(let codes, _):
            for set in codes { for code in set { used[Int(code)] = true } }
        case .numeric:
            return []
        }
        return used.indices.filter { !used[$0] }
    }

    /// `output[rowOffset + r] += φ(r)` for every row `r` of `features`.
    public func add(_ features: NodeFeatures, into output: Matrix<Scalar>, rowOffset: Int = 0) {
        check(features)
        precondition(output.columns == dimension && rowOffset + features.rowCount <= output.rows,
                     "FeatureEncoder: output too small")
        for (c, column) in features.columns.enumerated() {
            let table = tables[c]
            switch column.values {
            case .categorical(let codes, _):
                for (r, code) in codes.enumerated() where code >= 0 {
                    output.addRow(rowOffset + r, scaled: 1, of: table, row: Int(code))
                }
            case .multiCategorical(let codes, _):
                for (r, set) in codes.enumerated() where !set.isEmpty {
                    let weight = 1 / Scalar(set.count)
                    for code in set { output.addRow(rowOffset + r, scaled: weight, of: table, row: Int(code)) }
                }
            case .numeric(let numbers):
                for (r, number) in numbers.enumerated() {
                    guard let z = standardised(number, column: c) else { continue }
                    output.addRow(rowOffset + r, scaled: z, of: table, row: 0)
                }
            }
        }
    }

    /// φ of every row of `features` (`rowCount × D`).
    public func encode(_ features: NodeFeatures) -> Matrix<Scalar> {
        let output = Matrix<Scalar>(rows: features.rowCount, columns: dimension)
        add(features, into: output)
        return output
    }

    /// `gradients[c] += ∂L/∂tables[c]` given `∂L/∂φ` in rows `rowOffset ..< rowOffset + rowCount`
    /// of `layerZeroGradient` (formulas in the type's documentation).
    public func addGradient(_ features: NodeFeatures, layerZeroGradient: Matrix<Scalar>, rowOffset: Int = 0,
                            into gradients: [Matrix<Scalar>]) {
        check(features)
        precondition(gradients.count == tables.count, "FeatureEncoder: one gradient per table")
        let g = layerZeroGradient
        for (c, column) in features.columns.enumerated() {
            let target = gradients[c]
            switch column.values {
            case .categorical(let codes, _):
                for (r, code) in codes.enumerated() where code >= 0 {
                    target.addRow(Int(code), scaled: 1, of: g, row: rowOffset + r)
                }
            case .multiCategorical(let codes, _):
                for (r, set) in codes.enumerated() where !set.isEmpty {
                    let weight = 1 / Scalar(set.count)
                    for code in set { target.addRow(Int(code), scaled: weight, of: g, row: rowOffset + r) }
                }
            case .numeric(let numbers):
                for (r, number) in numbers.enumerated() {
                    guard let z = standardised(number, column: c) else { continue }
                    target.addRow(0, scaled: z, of: g, row: rowOffset + r)
                }
            }
        }
    }

    /// `(x − μ)/σ` of column `c`, nil when missing.
    func standardised(_ number: Double?, column c: Int) -> Scalar? {
        number.map { Scalar(($0 - means[c]) / deviations[c]) }
    }

    func check(_ features: NodeFeatures) {
        precondition(features.columns.map(\.name) == columnNames,
                     "FeatureEncoder: columns \(features.columns.map(\.name)) differ from \(columnNames)")
        for (c, column) in features.columns.enumerated() {
            precondition(column.tableRows == tables[c].rows, "FeatureEncoder: column \(column.name) changed its categories")
        }
    }
}
