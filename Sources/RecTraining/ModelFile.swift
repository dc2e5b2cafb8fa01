import Foundation
import RecData
import RecKernels

/// Reads and writes `TrainedModel`s as one binary file.
///
/// Layout (all integers little-endian):
///
///     "LGCNMODL"              8 bytes, magic
///     format version          UInt32: 2, or 3 for a model with side features
///     header length H         UInt64
///     header                  H bytes of UTF-8 JSON (`ModelFileHeader`: configuration, sizes,
///                             history, selected epoch, the dataset's ids and titles, the data
///                             options, the split's fingerprint, the test metrics and the
///                             run's configuration file)
///     payload                 E⁰ as Float32 (nodes × dim), then the training interactions:
///                             offsets as Int64 (users + 1), item ids as Int32
///     feature section         version 3 only: the ID and feature tables and the training
///                             nodes' features (see `ModelFile+Features.swift`)
///     checksum                UInt64, FNV-1a 64 of every byte before it
///
/// The header records the payload's size, and the trailing checksum covers header and payload,
/// so a truncated or altered file is rejected on load. Files are written to a temporary name
/// and renamed into place, so a failed write never leaves a half-written model behind.
///
/// An ID-only model is written as version 2 (which builds without the feature section read
/// too), a model with side features as version 3; both are read.
public enum ModelFile {
    /// The newest format version this build writes and reads.
    public static let formatVersion: UInt32 = 3
    /// The oldest format version this build reads (and writes for a model without features).
    public static let oldestReadableVersion: UInt32 = 2
    static let magic = Array("LGCNMODL".utf8)

    /// Writes `model` to `path` atomically.
    public static func write(_ model: TrainedModel, to path: String) throws(ModelFileError) {
        let payload = encodePayload(model)
        let features = model.featureModel.map(encodeFeatures)
        var header = ModelFileHeader(
            formatVersion: Int(formatVersion), software: softwareVersion, datasetName: model.datasetName,
            configuration: model.configuration, userCount: model.userCount, itemCount: model.itemCount,
            dimension: model.embedding.columns, interactionCount: model.train.interactionCount,
            payloadBytes: payload.count, history: model.history, selectedEpoch: model.selectedEpoch,
            catalog: model.catalog, dataArguments: model.dataArguments, splitFingerprint: model.splitFingerprint,
            testMetrics: model.testMetrics, configurationFile: model.configurationFile)
        let version = features == nil ? oldestReadableVersion : formatVersion
        header.formatVersion = Int(version)
        header.features = features?.header
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let headerData = try? encoder.encode(header) else { throw .unwritable(path, "could not encode the header") }
        var data = Data(magic)
        appendLittleEndian(version, to: &data)
        appendLittleEndian(UInt64(headerData.count), to: &data)
        data.append(headerData)
        data.append(payload)
        if let features { data.append(features.bytes) }
        appendLittleEndian(checksum(data), to: &data)
        try writeAtomically(data, to: path)
    }

    /// Whether `path` is a regular file that starts with the model files' magic bytes (a quick
    /// check for finding models in a folder; `read` checks the rest).
    public static func isModelFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: magic.count)).map { Array($0) == magic } ?? false
    }

    /// Reads a model written by `write`, checking magic, version, sizes and checksum.
    public static func read(from path: String) throws(ModelFileError) -> TrainedModel {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        guard data.count >= 20, Array(data.prefix(8)) == magic else { throw .notAModel(path) }
        let version: UInt32 = readLittleEndian(data, at: 8)
        guard (oldestReadableVersion...formatVersion).contains(version) else {
            throw .unsupportedVersion(path, Int(version), Int(formatVersion))
        }
        guard let headerLength = Int(exactly: readLittleEndian(data, at: 12) as UInt64),
              headerLength > 0, headerLength <= data.count - 20 else { throw .truncated(path) }
        let headerData = data.subdata(in: 20..<(20 + headerLength))
        let header: ModelFileHeader
        do {
            header = try JSONDecoder().decode(ModelFileHeader.self, from: headerData)
        } catch {
            // A header cut short is a truncated file; a complete one that does not decode is corrupt.
            if data.count < 20 + headerLength + 8 { throw .truncated(path) }
            throw .corrupt(path, "the header is not a valid model header (\(error))")
        }
        guard header.payloadBytes >= 0, header.payloadBytes <= data.count else { throw .truncated(path) }
        let featureBytes = try featureSectionLength(header, version: version, path: path)
        guard featureBytes <= data.count else { throw .truncated(path) }
        let payloadEnd = 20 + headerLength + header.payloadBytes, end = payloadEnd + featureBytes
        guard data.count >= end + 8 else { throw .truncated(path) }
        guard data.count == end + 8 else { throw .corrupt(path, "\(data.count - end - 8) unexpected bytes after the checksum") }
        let stored: UInt64 = readLittleEndian(data, at: end)
        guard checksum(data.prefix(end)) == stored else {
            throw .corrupt(path, "the checksum does not match (the file was altered or damaged)")
        }
        var model = try decodePayload(data.subdata(in: (20 + headerLength)..<payloadEnd), header: header, path: path)
        if let features = header.features {
            model.featureModel = try decodeFeatures(data.subdata(in: payloadEnd..<end), header: features, model: model,
                                                    path: path)
        }
        return model
    }

    static func encodePayload(_ model: TrainedModel) -> Data {
        var data = Data()
        let e = model.embedding
        data.reserveCapacity(e.count * 4 + (model.userCount + 1) * 8 + model.train.interactionCount * 4)
        for i in 0..<e.count { appendLittleEndian(e.storage[i].bitPattern, to: &data) }
        for o in model.train.itemsOfUser.offsets { appendLittleEndian(UInt64(o), to: &data) }
        for i in model.train.itemsOfUser.indices { appendLittleEndian(UInt32(bitPattern: i), to: &data) }
        return data
    }

    static func decodePayload(_ payload: Data, header: ModelFileHeader, path: String) throws(ModelFileError) -> TrainedModel {
        let nodes = header.userCount + header.itemCount
        let floats = nodes * header.dimension
        let expected = floats * 4 + (header.userCount + 1) * 8 + header.interactionCount * 4
        guard header.userCount >= 0, header.itemCount >= 0, header.dimension >= 1, expected == payload.count else {
            throw .corrupt(path, "the header's sizes do not match the payload")
        }
        let embedding = Matrix<Float>(rows: nodes, columns: header.dimension)
        var offsets = [Int](repeating: 0, count: header.userCount + 1)
        var indices = [Int32](repeating: 0, count: header.interactionCount)
        payload.withUnsafeBytes { raw in
            for i in 0..<floats {
                embedding.storage[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
            var at = floats * 4
            for u in 0...header.userCount {
                offsets[u] = Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                at += 8
            }
            for t in 0..<header.interactionCount {
                indices[t] = Int32(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                at += 4
            }
        }
        guard offsets.first == 0, offsets.last == indices.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              indices.allSatisfy({ $0 >= 0 && Int($0) < header.itemCount })
        else { throw .corrupt(path, "the training interactions are inconsistent") }
        let train = InteractionMatrix(userCount: header.userCount, itemCount: header.itemCount,
                                      itemsOfUser: IndexRows(offsets: offsets, indices: indices))
        if let catalog = header.catalog, catalog.users.count != header.userCount || catalog.items.count != header.itemCount {
            throw .corrupt(path, "the header's ids do not match its user and item counts")
        }
        return TrainedModel(configuration: header.configuration, datasetName: header.datasetName,
                            embedding: embedding, train: train, history: header.history,
                            selectedEpoch: header.selectedEpoch, catalog: header.catalog,
                            dataArguments: header.dataArguments ?? [], splitFingerprint: header.splitFingerprint,
                            testMetrics: header.testMetrics, configurationFile: header.configurationFile)
    }

    static func writeAtomically(_ data: Data, to path: String) throws(ModelFileError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path, "\(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(path, String(cString: strerror(errno)))
        }
    }

    /// FNV-1a 64 of `data`.
    static func checksum<D: DataProtocol>(_ data: D) -> UInt64 {
        var hash = FNV1a64()
        for region in data.regions { region.withUnsafeBytes { hash.combine(bytes: $0) } }
        return hash.value
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    static func readLittleEndian<T: FixedWidthInteger>(_ data: Data, at offset: Int) -> T {
        data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}

/// The JSON header of a model file.
struct ModelFileHeader: Codable {
    var formatVersion: Int
    var software: String
    var datasetName: String
    var configuration: TrainingConfiguration
    var userCount: Int
    var itemCount: Int
    var dimension: Int
    var interactionCount: Int
    var payloadBytes: Int
    var history: [EpochRecord]
    var selectedEpoch: Int?
    var catalog: DatasetCatalog?
    var dataArguments: [String]?
    var splitFingerprint: String?
    var testMetrics: [String: Double]?
    var configurationFile: String?
    /// Version 3: the layout of the feature section.
    var features: ModelFileFeatureHeader?
}

/// The version of this software, recorded in every model file.
public let softwareVersion = "0.1.0"

/// Why a model file could not be read or written.
public enum ModelFileError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case unreadable(String)
    case notAModel(String)
    case unsupportedVersion(String, Int, Int)
    case truncated(String)
    case corrupt(String, String)
    case unwritable(String, String)

    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such model file"
        case .unreadable(let p): return "\(p): cannot read the file"
        case .notAModel(let p): return "\(p): not a LightGCN model file (wrong magic bytes)"
        case .unsupportedVersion(let p, let found, let supported):
            return "\(p): model format version \(found) is not supported (this build reads versions "
                + "\(ModelFile.oldestReadableVersion) to \(supported)); retrain or use a matching version"
        case .truncated(let p): return "\(p): the model file is truncated"
        case .corrupt(let p, let why): return "\(p): the model file is corrupt: \(why)"
        case .unwritable(let p, let why): return "\(p): cannot write the model: \(why)"
        }
    }
}
