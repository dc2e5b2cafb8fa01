import Dispatch
import Foundation
import RecData
import RecKernels
import RecModels

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
///     known outside training  when the header counts them: the interactions the data holds
///                             beyond the training ones (`InteractionSection`)
///     checksum                UInt64, FNV-1a 64 of every byte before it
///
/// The header records the payload's size, and the trailing checksum covers header and payload,
/// so a truncated or altered file is rejected on load. The checksum detects damage, not
/// tampering (anyone can recompute it), so the interactions are still checked for consistency
/// on load: a crafted file is refused with a message, never trusted into an out-of-range read.
///
/// Files are written to a temporary name, flushed to disk (`fsync`) and renamed into place, so
/// neither a failed write nor a crash leaves a half-written model behind.
///
/// Speed (Gowalla, 70,839 × 64 table, 810,128 interactions, 70,839 ids; `lightgcn benchmark
/// --model-file`): the payload is copied in bulk, and the checksum runs on a second thread while
/// the JSON header is decoded.
///
/// An ID-only model is written as version 2 (which builds without the feature section read
/// too), a model with side features as version 3; both are read.
public enum ModelFile {
    /// The newest format version this build writes and reads.
    public static let formatVersion: UInt32 = 3
    /// The oldest format version this build reads (and writes for a model without features).
    public static let oldestReadableVersion: UInt32 = 2
    static let magic = Array("LGCNMODL".utf8)
    /// Bytes before the header: magic, version, header length.
    static let prefixLength = 20

    /// Writes `model` to `path` atomically (temporary file, `fsync`, rename).
    public static func write(_ model: TrainedModel, to path: String) throws(ModelFileError) {
        try write(model, kind: model.kind, to: path)
    }

    /// Writes `model` as a model of `kind` (``ModelKind/lightgcn`` or ``ModelKind/mf``).
    static func write(_ model: TrainedModel, kind: ModelKind, to path: String) throws(ModelFileError) {
        let features = model.featureModel.map(encodeFeatures)
        let version = features == nil ? oldestReadableVersion : formatVersion
        var header = ModelFileHeader(
            formatVersion: Int(version), software: softwareVersion, datasetName: model.datasetName,
            configuration: model.configuration, userCount: model.userCount, itemCount: model.itemCount,
            dimension: model.embedding.columns, interactionCount: model.train.interactionCount,
            payloadBytes: payloadByteCount(model), history: model.history, selectedEpoch: model.selectedEpoch,
            catalog: model.catalog, dataArguments: model.dataArguments, splitFingerprint: model.splitFingerprint,
            testMetrics: model.testMetrics, configurationFile: model.configurationFile)
        header.features = features?.header
        header.refitHistory = model.refitHistory
        let known = model.knownOutsideTraining
        header.knownOutsideTrainingCount = known?.interactionCount
        header.kind = kind
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let headerData = try? encoder.encode(header) else { throw .unwritable(path, "could not encode the header") }
        let headerEnd = prefixLength + headerData.count
        let payloadEnd = headerEnd + header.payloadBytes
        let knownBytes = known.map { InteractionSection.byteCount(users: model.userCount, interactions: $0.interactionCount)! } ?? 0
        let end = payloadEnd + (features?.bytes.count ?? 0) + knownBytes
        var data = Data()
        data.reserveCapacity(end + 8)
        data.append(contentsOf: magic)
        appendLittleEndian(version, to: &data)
        appendLittleEndian(UInt64(headerData.count), to: &data)
        data.append(headerData)
        encodePayload(model, into: &data)
        if let features { data.append(features.bytes) }
        if let known { InteractionSection.append(known, to: &data) }
        precondition(data.count == end, "ModelFile: the file's parts do not add up to its size")
        let sum = checksum(data.span)
        appendLittleEndian(sum, to: &data)
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

    /// Reads a model written by `write`, checking magic, version, sizes, checksum and the
    /// consistency of the interactions.
    ///
    /// - Throws: ``ModelFileError/notFound(_:)``, ``ModelFileError/unreadable(_:)``,
    ///   ``ModelFileError/notAModel(_:)``, ``ModelFileError/unsupportedVersion(_:_:_:)``,
    ///   ``ModelFileError/truncated(_:)`` or ``ModelFileError/corrupt(_:_:)``, each naming `path`.
    public static func read(from path: String) throws(ModelFileError) -> TrainedModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        guard data.count >= prefixLength, Array(data.prefix(8)) == magic else { throw .notAModel(path) }
        let version: UInt32 = readLittleEndian(data, at: 8)
        if version == stateFormatVersion {
            let kind = (try? ModelRegistry.load(from: path))?.kind
            throw .wrongKind(path, found: kind?.displayName ?? "non-LightGCN", expected: "LightGCN or MF")
        }
        guard (oldestReadableVersion...formatVersion).contains(version) else {
            throw .unsupportedVersion(path, Int(version), Int(formatVersion))
        }
        guard let headerLength = Int(exactly: readLittleEndian(data, at: 12) as UInt64),
              headerLength > 0, headerLength <= data.count - prefixLength else { throw .truncated(path) }
        let headerEnd = prefixLength + headerLength
        // The checksum of everything but the last 8 bytes (a serial byte loop) runs on a second
        // thread while this one decodes the JSON header; the checks then run in the same order
        // as if done one after the other, so each file gets the same error either way.
        nonisolated(unsafe) var computedChecksum: UInt64?
        nonisolated(unsafe) var decoded: Result<ModelFileHeader, any Error> = .failure(CancellationError())
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                if data.count >= headerEnd + 8 {
                    computedChecksum = checksum(data.span.extracting(0..<(data.count - 8)))
                }
            } else {
                decoded = Result { try JSONDecoder().decode(ModelFileHeader.self, from: data[prefixLength..<headerEnd]) }
            }
        }
        let header: ModelFileHeader
        switch decoded {
        case .success(let value):
            header = value
        case .failure(let error):
            // A header cut short is a truncated file; a complete one that does not decode is corrupt.
            if data.count < headerEnd + 8 { throw .truncated(path) }
            throw .corrupt(path, "the header is not a valid model header (\(error))")
        }
        guard header.payloadBytes >= 0, header.payloadBytes <= data.count else { throw .truncated(path) }
        let featureBytes = try featureSectionLength(header, version: version, path: path)
        guard featureBytes <= data.count else { throw .truncated(path) }
        var knownBytes = 0
        if let count = header.knownOutsideTrainingCount {
            guard let bytes = InteractionSection.byteCount(users: header.userCount, interactions: count) else {
                throw .corrupt(path, "the header's sizes do not match the payload")
            }
            guard bytes <= data.count else { throw .truncated(path) }
            knownBytes = bytes
        }
        let payloadEnd = headerEnd + header.payloadBytes, featuresEnd = payloadEnd + featureBytes
        let end = featuresEnd + knownBytes
        guard data.count >= end + 8 else { throw .truncated(path) }
        guard data.count == end + 8 else { throw .corrupt(path, "\(data.count - end - 8) unexpected bytes after the checksum") }
        let stored: UInt64 = readLittleEndian(data, at: end)
        guard computedChecksum == stored else {
            throw .corrupt(path, "the checksum does not match (the file was altered or damaged)")
        }
        var trained = try decodePayload(data, range: headerEnd..<payloadEnd, header: header, path: path)
        trained.kind = header.kind ?? .lightgcn
        if let features = header.features {
            trained.featureModel = try decodeFeatures(data.subdata(in: payloadEnd..<featuresEnd), header: features,
                                                      model: trained, path: path)
        }
        if let count = header.knownOutsideTrainingCount {
            trained.knownOutsideTraining = try InteractionSection.read(data, at: featuresEnd, users: trained.userCount,
                                                                       items: trained.itemCount, interactions: count,
                                                                       what: "known interactions outside training", path: path)
        }
        return trained
    }

    /// The format version of the model file at `path` (its magic bytes checked).
    static func formatVersion(of path: String) throws(ModelFileError) -> UInt32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path) }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 12), prefix.count == 12, Array(prefix.prefix(8)) == magic else {
            throw .notAModel(path)
        }
        let version: UInt32 = readLittleEndian(prefix, at: 8)
        guard (oldestReadableVersion...stateFormatVersion).contains(version) else {
            throw .unsupportedVersion(path, Int(version), Int(stateFormatVersion))
        }
        return version
    }

    /// Whether the model file at `path` holds a LightGCN-family model (format version 2 or 3),
    /// which ``read(from:)`` reads; other kinds are read by ``ModelRegistry/load(from:)``.
    public static func isLightGCNFamily(_ path: String) throws(ModelFileError) -> Bool {
        try formatVersion(of: path) != stateFormatVersion
    }

    /// The bytes of the model file at `path` after checking its magic bytes and trailing checksum.
    static func checkedContents(of path: String) throws(ModelFileError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        guard data.count >= prefixLength + 8, Array(data.prefix(8)) == magic else { throw .truncated(path) }
        let stored: UInt64 = readLittleEndian(data, at: data.count - 8)
        let computed = checksum(data.span.extracting(0..<(data.count - 8)))
        guard stored == computed else { throw .corrupt(path, "the checksum does not match (the file was altered or damaged)") }
        return data
    }

    /// FNV-1a 64 of `bytes` (``FNV1a64`` over the same bytes).
    static func checksum(_ bytes: Span<UInt8>) -> UInt64 {
        var hash = FNV1a64()
        hash.combine(bytes: bytes)
        return hash.value
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        LittleEndianBytes.append(value, to: &data)
    }

    static func readLittleEndian<T: FixedWidthInteger>(_ data: Data, at offset: Int) -> T {
        LittleEndianBytes.read(T.self, from: data, at: offset)
    }
}

/// The version of this software, recorded in every model file.
public let softwareVersion = "0.1.0"
