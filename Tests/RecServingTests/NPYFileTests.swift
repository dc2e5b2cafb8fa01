import Foundation
import Testing
@testable import RecServing

@Suite struct NPYFileTests {
    let tensor = NamedTensor(name: "t", rows: 3, columns: 2, values: [1, 2, 3, 4, -5.5, 1e-30])

    @Test func roundTrip() throws {
        #expect(try NPYFile.decode(NPYFile.encode(tensor), name: "t", path: "x") == tensor)
    }

    @Test func headerIsVersion1WithAlignedData() {
        let data = NPYFile.encode(tensor)
        #expect(Array(data.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: data.subdata(in: 10..<(10 + headerLength)), as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"))
        #expect(header.hasSuffix("\n"))
        #expect(data.count == 10 + headerLength + 24)
    }

    @Test func readsFloat64FortranOrder() throws {
        let header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        for v in [1.0, 3.0, 2.0, 4.0] { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        let t = try NPYFile.decode(data, name: "m", path: "x")
        #expect(t == NamedTensor(name: "m", rows: 2, columns: 2, values: [1, 2, 3, 4]))
    }

    @Test func rejectsTruncatedWrongMagicAndIntegerDtype() {
        let data = NPYFile.encode(tensor)
        #expect(throws: TensorFileError.self) { try NPYFile.decode(data.prefix(data.count - 3), name: "t", path: "x") }
        #expect(throws: TensorFileError.self) { try NPYFile.decode(Data("hello world!".utf8), name: "t", path: "x") }
        let header = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }\n"
        var ints = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { ints.append(contentsOf: $0) }
        ints.append(contentsOf: Array(header.utf8) + [UInt8](repeating: 0, count: 8))
        #expect(throws: TensorFileError.self) { try NPYFile.decode(ints, name: "t", path: "x") }
    }
}
