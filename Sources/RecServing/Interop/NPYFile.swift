import Foundation
import RecKernels

/// NumPy's `.npy` format, version 1.0 (what `numpy.save` writes for small headers):
///
///     "\x93NUMPY" 1 0    magic and version
///     H                  UInt16, little-endian: header length
///     header             ASCII dict, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
///                        padded with spaces and a final newline so the data start at a multiple of 64
///     data               the values, little-endian, C order
///
/// Files written here are `<f4` (float32). Reading accepts versions 1–3, `<f4` and `<f8`, and
/// Fortran order (transposed back to row-major).
public enum NPYFile {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The bytes of a `.npy` file holding `tensor` as a 2-D float32 array.
    public static func encode(_ tensor: NamedTensor) -> Data {
        var header = Array("{'descr': '<f4', 'fortran_order': False, 'shape': (\(tensor.rows), \(tensor.columns)), }".utf8)
        let unpadded = magic.count + 2 + 2 + header.count + 1
        header += [UInt8](repeating: UInt8(ascii: " "), count: (64 - unpadded % 64) % 64)
        header.append(UInt8(ascii: "\n"))
        var data = Data(magic + [1, 0])
        LittleEndianBytes.append(UInt16(header.count), to: &data)
        data.append(contentsOf: header)
        data.append(LittleEndianFloats.encode(tensor.values))
        return data
    }

    /// Writes `tensor` to `path` atomically.
    public static func write(_ tensor: NamedTensor, to path: String) throws(TensorFileError) {
        try AtomicFileWriter.write(encode(tensor), to: path)
    }

    /// Reads the array of the file at `path`, named after the file (without `.npy`).
    public static func read(from path: String) throws(TensorFileError) -> NamedTensor {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try decode(AtomicFileWriter.read(path), name: name, path: path)
    }

    /// Parses the bytes of a `.npy` file holding a 1-D or 2-D float array; `path` only names the
    /// file in errors.
    public static func decode(_ data: Data, name: String, path: String) throws(TensorFileError) -> NamedTensor {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, Array(bytes.prefix(6)) == magic else {
            throw .malformed(path, "not a .npy file (wrong magic bytes)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw .malformed(path, "the .npy file is truncated") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw .unsupported(path, ".npy format version \(major) is not supported (1, 2 and 3 are)")
        }
        guard headerStart + headerLength <= data.count else { throw .malformed(path, "the .npy file is truncated") }
        let header = String(decoding: data.subdata(in: headerStart..<(headerStart + headerLength)), as: UTF8.self)
        let descr = try field("descr", in: header, path: path)
        let width: Int
        switch descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) {
        case "<f4": width = 4
        case "<f8": width = 8
        default: throw .unsupported(path, "dtype \(descr) is not supported: save a little-endian float32 or float64 array (arr.astype('<f4'))")
        }
        let fortran = try field("fortran_order", in: header, path: path) == "True"
        let shapeText = try field("shape", in: header, path: path)
        let dims = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, shape.count == 1 || shape.count == 2, shape.allSatisfy({ $0 >= 0 }) else {
            throw .unsupported(path, "shape \(shapeText) is not supported: only 1-D and 2-D arrays are read")
        }
        let rows = shape[0], columns = shape.count == 2 ? shape[1] : 1
        let dataStart = headerStart + headerLength
        guard data.count - dataStart == rows * columns * width else {
            throw .malformed(path, "shape \(shapeText) needs \(rows * columns * width) bytes of data, the file has \(data.count - dataStart) (truncated?)")
        }
        var values = LittleEndianFloats.decode(data, offset: dataStart, count: rows * columns, width: width)
        if fortran && shape.count == 2 {
            let columnMajor = values
            for r in 0..<rows { for c in 0..<columns { values[r * columns + c] = columnMajor[c * rows + r] } }
        }
        return NamedTensor(name: name, rows: rows, columns: columns, values: values)
    }

    /// The text of `'key': value` in a header dict (value up to the next top-level comma).
    static func field(_ key: String, in header: String, path: String) throws(TensorFileError) -> String {
        guard let keyRange = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
              let colon = header[keyRange.upperBound...].firstIndex(of: ":")
        else { throw .malformed(path, "the .npy header has no '\(key)': \(header)") }
        var depth = 0
        var end = header.index(after: colon)
        while end < header.endIndex {
            let ch = header[end]
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if (ch == "," && depth == 0) || ch == "}" { break }
            end = header.index(after: end)
        }
        return header[header.index(after: colon)..<end].trimmingCharacters(in: .whitespaces)
    }
}
