import Foundation
import RecKernels
import RecModels

/// The feature section of a version-3 model file: what a ``FeatureLightGCN`` needs beyond its
/// assembled layer-0 table (the payload's E⁰), so that a saved model can read a new node's
/// features (``FeatureSchema``), project them (the encoder tables) and be rebuilt exactly.
///
/// The header's `features` object records the layout; the bytes follow the payload, all
/// little-endian:
///
///     user ID table P          Float32, U × D        (if `userIDs`)
///     item ID table Q          Float32, I × D        (if `itemIDs`)
///     for the user side, then the item side (if it has features), for each column c:
///       table W_c              Float32, tableRows × D (categories, or 1 for a number)
///       training rows' values  categorical: Int32 code per row (−1: missing)
///                              multi-valued: Int64 offsets (rows + 1), then Int32 codes
///                              numeric: Float64 per row (NaN: missing)
///     popularity prior         Float32 w, then Float32 p_i per item (if `popularityPrior`)
///     user cold head           Float32 tables, one per user column, as above (if `userColdHead`)
///     item cold head           Float32 tables, one per item column (if `itemColdHead`)
///
/// Files written before the prior and the cold heads were stored have none of the three
/// fields and read as a model without them.
/// On reading, the model is rebuilt from these parts and its assembled E⁰ must reproduce the
/// payload's, so a section that does not belong to its payload is rejected.
struct ModelFileFeatureHeader: Codable, Equatable {
    /// Whether the model has a user ID table; likewise `itemIDs`.
    var userIDs: Bool
    var itemIDs: Bool
    /// The user side's schema and column layout, nil without user features.
    var user: Side?
    /// The item side's, nil without item features.
    var item: Side?
    /// Length of the section in bytes.
    var byteCount: Int
    /// Whether the model scores with a ``PopularityPrior`` (nil in older files: no).
    var popularityPrior: Bool?
    /// Whether new users have a separate feature-only head (nil in older files: no).
    var userColdHead: Bool?
    /// Whether new items have a separate feature-only head (nil in older files: no).
    var itemColdHead: Bool?

    /// One side's columns.
    struct Side: Codable, Equatable {
        /// Names, kinds, labels and numeric statistics, in table order.
        var schema: FeatureSchema
        /// One entry per schema column.
        var columns: [Column]
    }

    /// What the schema does not say about a column's stored values.
    struct Column: Codable, Equatable {
        /// Whether the training column had labels (its codes are otherwise read as numbers).
        var labelled: Bool
        /// A multi-valued column: the number of codes over all rows.
        var codeCount: Int?
    }
}

extension ModelFile {
    /// The feature section of `model`: its header and bytes.
    static func encodeFeatures(_ model: FeatureLightGCN<Float>) -> (header: ModelFileFeatureHeader, bytes: Data) {
        var data = Data()
        if let p = model.userIDEmbedding { appendFloats(p, to: &data) }
        if let q = model.itemIDEmbedding { appendFloats(q, to: &data) }
        let user = both(model.userEncoder, model.userFeatures).map { encodeSide($0, $1, into: &data) }
        let item = both(model.itemEncoder, model.itemFeatures).map { encodeSide($0, $1, into: &data) }
        if let prior = model.popularityPrior {
            appendLittleEndian(prior.currentWeight.bitPattern, to: &data)
            for value in prior.itemValues { appendLittleEndian(value.bitPattern, to: &data) }
        }
        for head in [model.userColdEncoder, model.itemColdEncoder] {
            for table in head?.tables ?? [] { appendFloats(table, to: &data) }
        }
        let header = ModelFileFeatureHeader(userIDs: model.userIDEmbedding != nil, itemIDs: model.itemIDEmbedding != nil,
                                            user: user, item: item, byteCount: data.count,
                                            popularityPrior: model.popularityPrior != nil ? true : nil,
                                            userColdHead: model.userColdEncoder != nil ? true : nil,
                                            itemColdHead: model.itemColdEncoder != nil ? true : nil)
        return (header, data)
    }

    private static func encodeSide(_ encoder: FeatureEncoder<Float>, _ features: NodeFeatures,
                                   into data: inout Data) -> ModelFileFeatureHeader.Side {
        var columns: [ModelFileFeatureHeader.Column] = []
        for (c, column) in features.columns.enumerated() {
            appendFloats(encoder.tables[c], to: &data)
            var codeCount: Int?
            switch column.values {
            case .categorical(let codes, _):
                for code in codes { appendLittleEndian(UInt32(bitPattern: code), to: &data) }
            case .multiCategorical(let sets, _):
                var offset = 0
                appendLittleEndian(UInt64(0), to: &data)
                for set in sets {
                    offset += set.count
                    appendLittleEndian(UInt64(offset), to: &data)
                }
                for set in sets { for code in set { appendLittleEndian(UInt32(bitPattern: code), to: &data) } }
                codeCount = offset
            case .numeric(let numbers):
                for number in numbers { appendLittleEndian((number ?? .nan).bitPattern, to: &data) }
            }
            columns.append(.init(labelled: column.categories != nil, codeCount: codeCount))
        }
        return .init(schema: encoder.schema, columns: columns)
    }

    private static func appendFloats(_ matrix: Matrix<Float>, to data: inout Data) {
        matrix.appendLittleEndian(to: &data)
    }

    /// The length of the feature section that `header` announces (0 without one).
    static func featureSectionLength(_ header: ModelFileHeader, version: UInt32, path: String) throws(ModelFileError) -> Int {
        guard let features = header.features else { return 0 }
        guard version >= 3 else { throw .corrupt(path, "a version-\(version) file cannot have a feature section") }
        guard features.byteCount >= 0 else { throw .corrupt(path, "the feature section has a negative length") }
        return features.byteCount
    }

    /// The feature-aware model stored in `bytes`, checked against `model` (its sizes and E⁰).
    static func decodeFeatures(_ bytes: Data, header: ModelFileFeatureHeader, model: TrainedModel,
                               path: String) throws(ModelFileError) -> FeatureLightGCN<Float> {
        let users = model.userCount, items = model.itemCount, d = model.embedding.columns
        var reader = ModelFileBytes(bytes, path: path)
        let p = header.userIDs ? try reader.floats(rows: users, columns: d) : nil
        let q = header.itemIDs ? try reader.floats(rows: items, columns: d) : nil
        var user: (encoder: FeatureEncoder<Float>, features: NodeFeatures)?
        var item: (encoder: FeatureEncoder<Float>, features: NodeFeatures)?
        if let side = header.user { user = try decodeSide(side, rows: users, dimension: d, reader: &reader) }
        if let side = header.item { item = try decodeSide(side, rows: items, dimension: d, reader: &reader) }
        var prior: PopularityPrior<Float>?
        if header.popularityPrior == true {
            let weight = try reader.floats(rows: 1, columns: 1)[0, 0]
            let values = try reader.floats(rows: 1, columns: items)
            let itemValues = (0..<items).map { values[0, $0] }
            guard weight.isFinite, itemValues.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .corrupt(path, "the popularity prior has a value that is not a finite, non-negative number")
            }
            prior = PopularityPrior(itemValues: itemValues, weight: weight)
        }
        func coldHead(_ stored: Bool?, _ side: (encoder: FeatureEncoder<Float>, features: NodeFeatures)?,
                      _ name: String) throws(ModelFileError) -> FeatureEncoder<Float>? {
            guard stored == true else { return nil }
            guard let schema = side?.encoder.schema else {
                throw .corrupt(path, "the feature section has a \(name) cold head but no \(name) features")
            }
            var tables: [Matrix<Float>] = []
            for column in schema.columns { tables.append(try reader.floats(rows: column.tableRows, columns: d)) }
            return FeatureEncoder(schema: schema, tables: tables, dimension: d)
        }
        let userHead = try coldHead(header.userColdHead, user, "user")
        let itemHead = try coldHead(header.itemColdHead, item, "item")
        guard reader.isAtEnd else { throw .corrupt(path, "the feature section is longer than its columns") }
        let rebuilt = FeatureLightGCN<Float>(
            userCount: users, itemCount: items, dimension: d, numLayers: model.configuration.layers,
            userIDEmbedding: p, itemIDEmbedding: q, userEncoder: user?.encoder, userFeatures: user?.features,
            itemEncoder: item?.encoder, itemFeatures: item?.features, popularityPrior: prior,
            userColdEncoder: userHead, itemColdEncoder: itemHead)
        let assembled = rebuilt.lightGCN.embedding, stored = model.embedding
        guard assembled.rows == stored.rows && assembled.columns == stored.columns else {
            throw .corrupt(path, "the feature tables do not reproduce the stored layer-0 table's shape")
        }
        var largest: Float = 0, difference: Float = 0
        for k in 0..<stored.count {
            largest = max(largest, abs(stored[flat: k]))
            difference = max(difference, abs(stored[flat: k] - assembled[flat: k]))
        }
        guard difference <= 1e-5 * (1 + largest) else {
            throw .corrupt(path, "the feature tables do not reproduce the stored layer-0 table")
        }
        return rebuilt
    }

    /// One side's encoder and training features, every code and size checked.
    private static func decodeSide(_ side: ModelFileFeatureHeader.Side, rows: Int, dimension: Int,
                                   reader: inout ModelFileBytes) throws(ModelFileError)
        -> (encoder: FeatureEncoder<Float>, features: NodeFeatures) {
        let path = reader.path
        guard side.columns.count == side.schema.columns.count else {
            throw .corrupt(path, "the feature section describes \(side.columns.count) of \(side.schema.columns.count) columns")
        }
        var tables: [Matrix<Float>] = [], columns: [FeatureColumn] = []
        for (description, layout) in zip(side.schema.columns, side.columns) {
            tables.append(try reader.floats(rows: description.tableRows, columns: dimension))
            let cardinality = description.tableRows
            let labels: [String]?
            switch description.kind {
            case .categorical(let categories):
                let codes = try reader.int32s(count: rows)
                guard codes.allSatisfy({ $0 >= -1 && Int($0) < cardinality }) else {
                    throw .corrupt(path, "feature \(description.name) has a code outside its categories")
                }
                labels = layout.labelled ? categories : nil
                columns.append(FeatureColumn(name: description.name, values: .categorical(codes: codes, cardinality: cardinality),
                                             categories: labels))
            case .multiCategorical(let categories):
                guard let count = layout.codeCount, count >= 0 else {
                    throw .corrupt(path, "feature \(description.name) has no code count")
                }
                let offsets = try reader.int64s(count: rows + 1)
                let codes = try reader.int32s(count: count)
                guard offsets.first == 0, offsets.last == count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
                      codes.allSatisfy({ $0 >= 0 && Int($0) < cardinality }) else {
                    throw .corrupt(path, "feature \(description.name) has inconsistent value sets")
                }
                let sets = (0..<rows).map { Array(codes[offsets[$0]..<offsets[$0 + 1]]) }
                labels = layout.labelled ? categories : nil
                columns.append(FeatureColumn(name: description.name,
                                             values: .multiCategorical(codes: sets, cardinality: cardinality), categories: labels))
            case .numeric(let mean, let deviation):
                guard mean.isFinite, deviation.isFinite, deviation > 0 else {
                    throw .corrupt(path, "feature \(description.name) has invalid statistics")
                }
                let numbers = try reader.doubles(count: rows).map { $0.isNaN ? nil : $0 }
                columns.append(FeatureColumn(name: description.name, values: .numeric(numbers)))
            }
        }
        let encoder = FeatureEncoder(schema: side.schema, tables: tables, dimension: dimension)
        return (encoder, NodeFeatures(columns: columns, rowCount: rows))
    }
}

/// Both values, or nil when either is missing.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// Reads little-endian values from the bytes of a feature section, never past their end.
struct ModelFileBytes {
    let data: Data
    let path: String
    private(set) var offset = 0

    init(_ data: Data, path: String) {
        self.data = data
        self.path = path
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { offset == data.count }

    /// The start of `count` values of `size` bytes, which must all lie in the section.
    private mutating func claim(_ count: Int, size: Int) throws(ModelFileError) -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard count >= 0, !overflow, bytes <= data.count - offset else {
            throw .corrupt(path, "the feature section is shorter than its columns")
        }
        defer { offset += bytes }
        return offset
    }

    private func load<T: FixedWidthInteger>(_ start: Int, _ count: Int, as type: T.Type) -> [T] {
        LittleEndianBytes.read(T.self, from: data, at: start, count: count)
    }

    mutating func floats(rows: Int, columns: Int) throws(ModelFileError) -> Matrix<Float> {
        let values = load(try claim(rows * columns, size: 4), rows * columns, as: UInt32.self)
        return Matrix(rows: rows, columns: columns, values: values.map(Float.init(bitPattern:)))
    }

    mutating func int32s(count: Int) throws(ModelFileError) -> [Int32] {
        load(try claim(count, size: 4), count, as: UInt32.self).map(Int32.init(bitPattern:))
    }

    mutating func int64s(count: Int) throws(ModelFileError) -> [Int] {
        load(try claim(count, size: 8), count, as: UInt64.self).map { Int(truncatingIfNeeded: $0) }
    }

    mutating func doubles(count: Int) throws(ModelFileError) -> [Double] {
        load(try claim(count, size: 8), count, as: UInt64.self).map(Double.init(bitPattern:))
    }
}
