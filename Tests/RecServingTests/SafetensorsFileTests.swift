import Foundation
import Testing
@testable import RecServing

@Suite struct SafetensorsFileTests {
    let tensors = [
        NamedTensor(name: "a", rows: 2, columns: 3, values: [1, -2, 3.5, 0, 1e-8, -0]),
        NamedTensor(name: "b\"quoted", rows: 1, columns: 2, values: [.pi, -.greatestFiniteMagnitude]),
    ]

    @Test func roundTripKeepsNamesShapesAndValues() throws {
        let data = SafetensorsFile.encode(tensors)
        #expect(try SafetensorsFile.decode(data, path: "x") == tensors)
    }

    @Test func headerIsPaddedJSONWithF32DtypeAndOffsets() throws {
        let data = SafetensorsFile.encode(tensors)
        let n = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        #expect(n % 8 == 0)
        let header = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + Int(n)))) as? [String: Any])
        let a = try #require(header["a"] as? [String: Any])
        #expect(a["dtype"] as? String == "F32")
        #expect(a["shape"] as? [Int] == [2, 3])
        #expect(a["data_offsets"] as? [Int] == [0, 24])
        #expect(data.count == 8 + Int(n) + 4 * 8)
    }

    @Test func readsFloat64() throws {
        var header = Array("{\"t\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}".utf8)
        while header.count % 8 != 0 { header.append(32) }
        var data = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for v in [0.5, -2.25] { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        let t = try SafetensorsFile.decode(data, path: "x")
        #expect(t == [NamedTensor(name: "t", rows: 2, columns: 1, values: [0.5, -2.25])])
    }

    @Test func rejectsTruncatedAndGarbage() {
        let data = SafetensorsFile.encode(tensors)
        #expect(throws: TensorFileError.self) { try SafetensorsFile.decode(data.prefix(data.count - 1), path: "x") }
        #expect(throws: TensorFileError.self) { try SafetensorsFile.decode(Data([1, 2, 3]), path: "x") }
        #expect(throws: TensorFileError.self) { try SafetensorsFile.decode(Data(repeating: 0xFF, count: 64), path: "x") }
    }

    @Test func rejectsUnsupportedDtype() {
        var header = Array("{\"t\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}".utf8)
        while header.count % 8 != 0 { header.append(32) }
        var data = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header + [UInt8](repeating: 0, count: 8))
        #expect(throws: TensorFileError.self) { try SafetensorsFile.decode(data, path: "x") }
    }
}
