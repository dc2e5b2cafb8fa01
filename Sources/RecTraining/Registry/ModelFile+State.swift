import Foundation
import RecData
import RecKernels
import RecModels

/// Model files of format version 4: every kind outside the LightGCN family.
///
///     "LGCNMODL"              8 bytes, magic
///     format version          UInt32: 4
///     header length H         UInt64
///     header                  H bytes of UTF-8 JSON (`StateFileHeader`: the kind, its settings and
///                             scalar parameters, the dataset's ids, the data options, the split's
///                             fingerprint, the test metrics, and the name and shape of every array)
///     payload                 the training interactions (offsets as Int64, item ids as Int32),
///                             then each array in the header's order (matrices and float arrays
///                             as Float32, integer arrays as Int64)
///     known outside training  when the header counts them (`InteractionSection`)
///     checksum                UInt64, FNV-1a 64 of every byte before it
///
/// Written atomically like versions 2 and 3, and checked the same way on load.
extension ModelFile {
    /// The format version of models outside the LightGCN family.
    public static let stateFormatVersion: UInt32 = 4

    /// Writes `model` to `path` atomically: a LightGCN-family model as version 2 or 3 (its
    /// `TrainedModel`, with its kind), any other kind as version 4.
    public static func write(_ model: SavedModel, to path: String) throws(ModelFileError) {
        if var trained = model.trainedModel {
            trained.knownOutsideTraining = model.knownOutsideTraining
            return try write(trained, kind: model.kind, to: path)
        }
        guard let state = model.state else { throw .unwritable(path, "a \(model.kind.displayName) model cannot be saved") }
        let matrices = state.matrices.sorted { $0.key < $1.key }
        let floats = state.floats.sorted { $0.key < $1.key }
        let integers = state.integers.sorted { $0.key < $1.key }
        let arrays = matrices.map { StateFileHeader.ArrayEntry(type: "matrix", name: $0.key, rows: $0.value.rows, columns: $0.value.columns) }
            + floats.map { StateFileHeader.ArrayEntry(type: "floats", name: $0.key, rows: 1, columns: $0.value.count) }
            + integers.map { StateFileHeader.ArrayEntry(type: "integers", name: $0.key, rows: 1, columns: $0.value.count) }
        let payloadBytes = InteractionSection.byteCount(users: model.userCount, interactions: model.train.interactionCount)!
            + arrays.map(\.byteCount).reduce(0, +)
        var header = StateFileHeader(
            formatVersion: Int(stateFormatVersion), software: softwareVersion, kind: model.kind, settings: model.settings,
            datasetName: model.datasetName, userCount: model.userCount, itemCount: model.itemCount,
            interactionCount: model.train.interactionCount, payloadBytes: payloadBytes, history: model.history,
            selectedEpoch: model.selectedEpoch, catalog: model.catalog, dataArguments: model.dataArguments,
            splitFingerprint: model.splitFingerprint, testMetrics: model.testMetrics,
            configurationFile: model.configurationFile, parameters: state.parameters, labels: state.labels, arrays: arrays)
        let known = model.knownOutsideTraining
        header.knownOutsideTrainingCount = known?.interactionCount
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let headerData = try? encoder.encode(header) else { throw .unwritable(path, "could not encode the header") }
        var writer = LittleEndianWriter(capacity: prefixLength + headerData.count + payloadBytes + 8)
        writer.append(bytes: magic)
        writer.append(stateFormatVersion)
        writer.append(UInt64(headerData.count))
        writer.append(bytes: Array(headerData))
        writer.append { InteractionSection.append(model.train, to: &$0) }
        for (_, m) in matrices { writer.append(matrix: m) }
        for (_, values) in floats { writer.append(floats: values) }
        for (_, values) in integers { writer.append(integers: values.map { Int64($0) }) }
        if let known { writer.append { InteractionSection.append(known, to: &$0) } }
        writer.append(writer.checksum)
        try writeAtomically(writer.data, to: path)
    }

    /// Bytes of a version-4 payload, or nil when a size overflows.
    static func stateByteCount(users: Int, interactions: Int, arrays: [StateFileHeader.ArrayEntry]) -> Int? {
        var total = (users + 1) * 8 + interactions * 4
        for entry in arrays {
            let (elements, overflowE) = entry.rows.multipliedReportingOverflow(by: entry.columns)
            let (bytes, overflowB) = elements.multipliedReportingOverflow(by: entry.type == "integers" ? 8 : 4)
            let (sum, overflowS) = total.addingReportingOverflow(bytes)
            if overflowE || overflowB || overflowS { return nil }
            total = sum
        }
        return total
    }

    /// Reads a version-4 file whose prefix and checksum ``ModelRegistry/load(from:)`` has checked.
    static func readState(_ data: Data, path: String) throws(ModelFileError) -> SavedModel {
        guard let headerLength = Int(exactly: readLittleEndian(data, at: 12) as UInt64),
              headerLength > 0, headerLength <= data.count - prefixLength - 8 else { throw .truncated(path) }
        let header: StateFileHeader
        do {
            header = try JSONDecoder().decode(StateFileHeader.self, from: data[prefixLength..<(prefixLength + headerLength)])
        } catch {
            throw .corrupt(path, "the header is not a valid model header (\(error))")
        }
        let users = header.userCount, items = header.itemCount, interactions = header.interactionCount
        // Sizes come from the file: every product and sum is checked, so that a crafted header
        // is refused with a message rather than trapping on an overflow.
        guard users >= 0, items >= 0, interactions >= 0, users < Int.max / 16, interactions < Int.max / 16,
              header.arrays.allSatisfy({ $0.rows >= 0 && $0.columns >= 0 }),
              let expected = Self.stateByteCount(users: users, interactions: interactions, arrays: header.arrays)
        else { throw .corrupt(path, "the header's sizes are invalid") }
        var knownBytes = 0
        if let count = header.knownOutsideTrainingCount {
            guard let bytes = InteractionSection.byteCount(users: users, interactions: count) else {
                throw .corrupt(path, "the header's sizes are invalid")
            }
            knownBytes = bytes
        }
        guard expected == header.payloadBytes, expected <= data.count, knownBytes <= data.count,
              prefixLength + headerLength + expected + knownBytes + 8 == data.count else {
            throw .corrupt(path, "the header's sizes do not match the payload")
        }
        let train = try InteractionSection.read(data, at: prefixLength + headerLength, users: users, items: items,
                                                interactions: interactions, what: "training interactions", path: path)
        var reader = LittleEndianReader(data: data, offset: prefixLength + headerLength
                                            + InteractionSection.byteCount(users: users, interactions: interactions)!)
        if let catalog = header.catalog, catalog.users.count != users || catalog.items.count != items {
            throw .corrupt(path, "the header's ids do not match its user and item counts")
        }
        var state = ModelState()
        state.parameters = header.parameters
        state.labels = header.labels
        for entry in header.arrays {
            switch entry.type {
            case "matrix": state.matrices[entry.name] = reader.matrix(rows: entry.rows, columns: entry.columns)
            case "floats": state.floats[entry.name] = reader.floats(count: entry.elementCount)
            case "integers": state.integers[entry.name] = reader.integers(Int64.self, count: entry.elementCount).map { Int(truncatingIfNeeded: $0) }
            default: throw .corrupt(path, "unknown array type '\(entry.type)' of '\(entry.name)'")
            }
        }
        let recommender: any PersistentRecommender
        do {
            recommender = try ModelRegistry.rebuild(header.kind, state: state, train: train)
        } catch {
            throw .corrupt(path, error.description)
        }
        var model = SavedModel(recommender: recommender, train: train, datasetName: header.datasetName,
                               settings: header.settings, catalog: header.catalog, dataArguments: header.dataArguments,
                               splitFingerprint: header.splitFingerprint, testMetrics: header.testMetrics,
                               configurationFile: header.configurationFile, history: header.history,
                               selectedEpoch: header.selectedEpoch)
        if let count = header.knownOutsideTrainingCount {
            model.knownOutsideTraining = try InteractionSection.read(data, at: reader.offset, users: users, items: items,
                                                                     interactions: count, what: "known interactions outside training",
                                                                     path: path)
        }
        return model
    }
}
