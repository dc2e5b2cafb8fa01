import Foundation
import RecKernels

/// The safetensors format (Hugging Face), written and read without any library:
///
///     N                 UInt64, little-endian: length of the header
///     header            N bytes of UTF-8 JSON, padded with spaces to a multiple of 8:
///                       {"name": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [begin, end]}, …,
///                        "__metadata__": {"format": "pt"}}
///     data              the tensors' raw little-endian bytes; offsets are relative to the start of data
///
/// Files written here hold `F32` tensors; reading also accepts `F64` (converted to `Float`).
public enum SafetensorsFile {
    /// The bytes of a safetensors file holding `tensors`, in order.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = ["format": "pt"]) -> Data {
        var entries: [String] = []
        var offset = 0
        for t in tensors {
            let end = offset + 4 * t.values.count
            entries.append("\(jsonString(t.name)):{\"dtype\":\"F32\",\"shape\":[\(t.rows),\(t.columns)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !metadata.isEmpty {
            let fields = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var data = Data()
        data.reserveCapacity(8 + header.count + offset)
        LittleEndianBytes.append(UInt64(header.count), to: &data)
        data.append(contentsOf: header)
        for t in tensors { data.append(LittleEndianFloats.encode(t.values)) }
        return data
    }

    /// Writes `tensors` to `path` atomically.
    public static func write(_ tensors: [NamedTensor], to path: String) throws(TensorFileError) {
        try AtomicFileWriter.write(encode(tensors), to: path)
    }

    /// Reads every tensor of the file at `path` (sorted by data offset).
    public static func read(from path: String) throws(TensorFileError) -> [NamedTensor] {
        try decode(AtomicFileWriter.read(path), path: path)
    }

    /// Parses the bytes of a safetensors file; `path` only names the file in errors.
    ///
    /// - Throws: ``TensorFileError/malformed(_:_:)`` for a bad header, overlapping or
    ///   out-of-range offsets, or a shape that does not match its byte count;
    ///   ``TensorFileError/unsupported(_:_:)`` for a dtype other than F32/F64 or a tensor that is
    ///   not 1- or 2-dimensional.
    public static func decode(_ data: Data, path: String) throws(TensorFileError) -> [NamedTensor] {
        guard data.count >= 8 else { throw .malformed(path, "not a safetensors file (shorter than 8 bytes)") }
        let headerLength = LittleEndianBytes.read(UInt64.self, from: data, at: 0)
        guard headerLength >= 2, headerLength <= UInt64(data.count - 8) else {
            throw .malformed(path, "not a safetensors file (header length \(headerLength) does not fit a \(data.count)-byte file)")
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = data.subdata(in: 8..<dataStart)
        guard let object = try? JSONSerialization.jsonObject(with: headerBytes), let header = object as? [String: Any] else {
            throw .malformed(path, "the safetensors header is not a JSON object")
        }
        var tensors: [(offset: Int, tensor: NamedTensor)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2
            else { throw .malformed(path, "tensor '\(name)': missing or invalid dtype, shape or data_offsets") }
            let width: Int
            switch dtype {
            case "F32": width = 4
            case "F64": width = 8
            default: throw .unsupported(path, "tensor '\(name)' has dtype \(dtype); only F32 and F64 are read (convert with tensor.float())")
            }
            guard shape.count == 1 || shape.count == 2, shape.allSatisfy({ $0 >= 0 }) else {
                throw .unsupported(path, "tensor '\(name)' has shape \(shape); only 1-D and 2-D tensors are read")
            }
            let rows = shape[0], columns = shape.count == 2 ? shape[1] : 1
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, end >= begin, dataStart + end <= data.count else {
                throw .malformed(path, "tensor '\(name)': data_offsets [\(begin), \(end)] lie outside the file (truncated?)")
            }
            guard end - begin == rows * columns * width else {
                throw .malformed(path, "tensor '\(name)': shape \(shape) needs \(rows * columns * width) bytes, data_offsets give \(end - begin)")
            }
            let values = LittleEndianFloats.decode(data, offset: dataStart + begin, count: rows * columns, width: width)
            tensors.append((begin, NamedTensor(name: name, rows: rows, columns: columns, values: values)))
        }
        return tensors.sorted { ($0.offset, $0.tensor.name) < ($1.offset, $1.tensor.name) }.map(\.tensor)
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
