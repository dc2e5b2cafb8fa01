import Foundation
import RecData
import RecKernels

extension ModelFile {
    /// Bytes of the payload of `model`: E⁰ as Float32, offsets as Int64, item ids as Int32.
    static func payloadByteCount(_ model: TrainedModel) -> Int {
        model.embedding.count * 4 + InteractionSection.byteCount(users: model.userCount, interactions: model.train.interactionCount)!
    }

    /// Appends the payload of `model` to `data` (exactly ``payloadByteCount(_:)`` bytes).
    static func encodePayload(_ model: TrainedModel, into data: inout Data) {
        let start = data.count
        model.embedding.appendLittleEndian(to: &data)
        InteractionSection.append(model.train, to: &data)
        precondition(data.count - start == payloadByteCount(model), "ModelFile: payload of the wrong size")
    }

    /// The model held by the bytes `range` of `data` (relative to its start) and `header`. The
    /// sizes must match exactly, the offsets must start at 0, never decrease and end at the
    /// number of interactions, and every row must be strictly increasing and in range
    /// (``InteractionSection``); the checksum has already been checked by the caller.
    static func decodePayload(_ data: Data, range: Range<Int>, header: ModelFileHeader,
                              path: String) throws(ModelFileError) -> TrainedModel {
        precondition(range.lowerBound >= 0 && range.upperBound <= data.count, "ModelFile: payload outside the file")
        let users = header.userCount, items = header.itemCount, dimension = header.dimension
        let interactions = header.interactionCount
        guard users >= 0, items >= 0, dimension >= 1, interactions >= 0 else {
            throw .corrupt(path, "the header's sizes do not match the payload")
        }
        let (nodes, overflowN) = users.addingReportingOverflow(items)
        let (floats, overflowF) = nodes.multipliedReportingOverflow(by: dimension)
        guard !overflowN, !overflowF, floats <= Int.max / 8,
              let sectionBytes = InteractionSection.byteCount(users: users, interactions: interactions),
              case (let total, false) = (floats * 4).addingReportingOverflow(sectionBytes), total == range.count
        else { throw .corrupt(path, "the header's sizes do not match the payload") }
        let start = range.lowerBound
        let embedding = Matrix<Float>(rows: nodes, columns: dimension, littleEndianFloats: data, at: start)
        let train = try InteractionSection.read(data, at: start + floats * 4, users: users, items: items,
                                                interactions: interactions, what: "training interactions", path: path)
        if let catalog = header.catalog, catalog.users.count != users || catalog.items.count != items {
            throw .corrupt(path, "the header's ids do not match its user and item counts")
        }
        var model = TrainedModel(configuration: header.configuration, datasetName: header.datasetName,
                                 embedding: embedding, train: train, history: header.history,
                                 selectedEpoch: header.selectedEpoch, catalog: header.catalog,
                                 dataArguments: header.dataArguments ?? [], splitFingerprint: header.splitFingerprint,
                                 testMetrics: header.testMetrics, configurationFile: header.configurationFile)
        model.refitHistory = header.refitHistory
        return model
    }

    static func isNonDecreasing(_ values: [Int]) -> Bool {
        let v = values.span
        var ok = true
        for i in 1..<max(v.count, 1) { ok = ok && v[i - 1] <= v[i] }
        return ok
    }

    static func allBelow(_ values: [Int32], _ bound: Int) -> Bool {
        let limit = Int32(clamping: bound)
        let v = values.span
        var ok = true
        for i in v.indices { ok = ok && v[i] >= 0 && v[i] < limit }
        return ok
    }
}
