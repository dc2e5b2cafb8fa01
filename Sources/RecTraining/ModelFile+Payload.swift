import RecData
import RecKernels

extension ModelFile {
    /// Bytes of the payload of `model`: E⁰ as Float32, offsets as Int64, item ids as Int32.
    static func payloadByteCount(_ model: TrainedModel) -> Int {
        model.embedding.count * 4 + (model.userCount + 1) * 8 + model.train.interactionCount * 4
    }

    /// Writes the payload of `model` into `out` (exactly ``payloadByteCount(_:)`` bytes), in bulk
    /// copies on little-endian hosts.
    static func encodePayload(_ model: TrainedModel, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count == payloadByteCount(model), "ModelFile: payload buffer of the wrong size")
        let e = model.embedding, rows = model.train.itemsOfUser
        let floatBytes = e.count * 4, offsetBytes = rows.offsets.count * 8
        guard let base = out.baseAddress else { return }
        #if _endian(little)
        base.copyMemory(from: e.storage, byteCount: floatBytes)
        if MemoryLayout<Int>.size == 8 {
            rows.offsets.withUnsafeBytes { (base + floatBytes).copyMemory(from: $0.baseAddress!, byteCount: offsetBytes) }
        } else {
            for (n, o) in rows.offsets.enumerated() { out.storeBytes(of: Int64(o), toByteOffset: floatBytes + 8 * n, as: Int64.self) }
        }
        rows.indices.withUnsafeBytes { (base + floatBytes + offsetBytes).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        #else
        for i in 0..<e.count { out.storeBytes(of: e.storage[i].bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self) }
        for (n, o) in rows.offsets.enumerated() {
            out.storeBytes(of: Int64(o).littleEndian, toByteOffset: floatBytes + 8 * n, as: Int64.self)
        }
        for (n, i) in rows.indices.enumerated() {
            out.storeBytes(of: i.littleEndian, toByteOffset: floatBytes + offsetBytes + 4 * n, as: Int32.self)
        }
        #endif
    }

    /// The model held by `payload` and `header`. The sizes must match exactly, the offsets must
    /// start at 0, never decrease and end at the number of interactions, and every item id must
    /// be in range; the checksum has already been checked by the caller.
    static func decodePayload(_ payload: UnsafeRawBufferPointer, header: ModelFileHeader,
                              path: String) throws(ModelFileError) -> TrainedModel {
        let users = header.userCount, items = header.itemCount, dimension = header.dimension
        let interactions = header.interactionCount
        guard users >= 0, items >= 0, dimension >= 1, interactions >= 0 else {
            throw .corrupt(path, "the header's sizes do not match the payload")
        }
        let (nodes, overflowN) = users.addingReportingOverflow(items)
        let (floats, overflowF) = nodes.multipliedReportingOverflow(by: dimension)
        guard !overflowN, !overflowF, floats <= Int.max / 8, interactions <= Int.max / 8, users < Int.max / 16,
              floats * 4 + (users + 1) * 8 + interactions * 4 == payload.count, let base = payload.baseAddress
        else { throw .corrupt(path, "the header's sizes do not match the payload") }
        let floatBytes = floats * 4, offsetBytes = (users + 1) * 8
        let embedding = Matrix<Float>(rows: nodes, columns: dimension)
        let offsets = [Int](unsafeUninitializedCapacity: users + 1) { buffer, count in
            for u in 0...users {
                buffer[u] = Int(truncatingIfNeeded: Int64(littleEndian: payload.loadUnaligned(fromByteOffset: floatBytes + 8 * u, as: Int64.self)))
            }
            count = users + 1
        }
        let indices = [Int32](unsafeUninitializedCapacity: interactions) { buffer, count in
            #if _endian(little)
            if let target = buffer.baseAddress {
                UnsafeMutableRawPointer(target).copyMemory(from: base + floatBytes + offsetBytes, byteCount: interactions * 4)
            }
            #else
            for t in 0..<interactions {
                buffer[t] = Int32(littleEndian: payload.loadUnaligned(fromByteOffset: floatBytes + offsetBytes + 4 * t, as: Int32.self))
            }
            #endif
            count = interactions
        }
        #if _endian(little)
        UnsafeMutableRawPointer(embedding.storage).copyMemory(from: base, byteCount: floatBytes)
        #else
        for i in 0..<floats {
            embedding.storage[i] = Float(bitPattern: UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
        }
        #endif
        guard offsets[0] == 0, offsets[users] == interactions, isNonDecreasing(offsets), allBelow(indices, items) else {
            throw .corrupt(path, "the training interactions are inconsistent")
        }
        let train = InteractionMatrix(userCount: users, itemCount: items,
                                      itemsOfUser: IndexRows(offsets: offsets, indices: indices))
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
        values.withUnsafeBufferPointer { v in
            var ok = true
            for i in 1..<max(v.count, 1) { ok = ok && v[i - 1] <= v[i] }
            return ok
        }
    }

    static func allBelow(_ values: [Int32], _ bound: Int) -> Bool {
        let limit = Int32(clamping: bound)
        return values.withUnsafeBufferPointer { v in
            var ok = true
            for x in v { ok = ok && x >= 0 && x < limit }
            return ok
        }
    }
}
