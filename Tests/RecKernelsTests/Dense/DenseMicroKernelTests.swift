import Testing
@testable import RecKernels

@Suite("Dense GEMM micro-kernel")
struct DenseMicroKernelTests {
    @Test("the whole tile and its four quarters add the same numbers bit for bit", arguments: [1, 7, 64, 256])
    func tileShapesAgree(depth: Int) {
        var g = SeededGenerator(seed: 70 + UInt64(depth))
        let a = (0..<(8 * depth)).map { _ in Float.random(in: -1...1, using: &g) }
        let b = (0..<(32 * depth)).map { _ in Float.random(in: -1...1, using: &g) }
        let ldc = 40  // a row stride wider than the tile
        let start = (0..<(8 * ldc)).map { _ in Float.random(in: -1...1, using: &g) }
        var wide = start, narrow = start
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                wide.withUnsafeMutableBufferPointer {
                    DenseMicroKernel.multiplyAddWide(depth: depth, a: pa.baseAddress!, b: pb.baseAddress!,
                                                     c: $0.baseAddress!, ldc: ldc, alpha: -0.75)
                }
                narrow.withUnsafeMutableBufferPointer {
                    DenseMicroKernel.multiplyAddNarrow(depth: depth, a: pa.baseAddress!, b: pb.baseAddress!,
                                                       c: $0.baseAddress!, ldc: ldc, alpha: -0.75)
                }
            }
        }
        #expect(wide.map(\.bitPattern) == narrow.map(\.bitPattern))
        for r in 0..<8 {
            for j in 0..<ldc {
                if j < 32 {
                    var sum = 0.0
                    for k in 0..<depth { sum += Double(a[k * 8 + r]) * Double(b[k * 32 + j]) }
                    let expected = Double(start[r * ldc + j]) - 0.75 * sum
                    #expect(abs(Double(narrow[r * ldc + j]) - expected) <= 1e-5 * Double(depth))
                } else {
                    #expect(narrow[r * ldc + j] == start[r * ldc + j])  // columns past the tile are left
                }
            }
        }
    }
}
