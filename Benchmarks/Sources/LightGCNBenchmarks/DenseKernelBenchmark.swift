import Foundation
import RecKernels

/// The dense kernels behind EASE, as rates against the machine: `swift run -c release
/// lightgcn-benchmarks dense/`. `DENSE_ORDER` sets the order of the inverted matrix (default
/// 8192; EASE on Gowalla inverts one of order 29,858).
///
/// - `dense/gemm-peak`: ``DenseMultiply`` on `C[4096 × 4096] += A[4096 × 256]·B[256 × 4096]`, all
///   operands in cache-friendly packed form, full and lower triangle: the measured peak of the
///   project's GEMM at the inverse's depth (best of 5).
/// - `dense/inverse`: ``PositiveDefiniteInverse`` of a random symmetric positive-definite matrix
///   (`n³` flops), its rate and its fraction of the peak measured in the same run.
enum DenseKernelBenchmark {
    static var order: Int { ProcessInfo.processInfo.environment["DENSE_ORDER"].flatMap(Int.init) ?? 8192 }

    static func random(rows: Int, columns: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float.random(in: -1...1, using: &g) })
    }

    /// Best rate of 5 in GFLOP/s of `C += A·B` (or its lower triangle) for `C: n × n`, depth 256.
    static func gemmRate(n: Int, region: DenseMultiply.Region) -> Double {
        let depth = 256
        let a = random(rows: n, columns: depth, seed: 1), b = random(rows: depth, columns: n, seed: 2)
        let c = Matrix<Float>(rows: n, columns: n)
        let flops = region == .full ? 2.0 * Double(n * n) * Double(depth) : Double(n) * Double(n + 1) * Double(depth)
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            DenseMultiply.multiply(MatrixView(a), MatrixView(b), into: MatrixView(c), alpha: -1, beta: 1, region: region)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return flops / best / 1e9
    }

    static func gemmPeak() throws {
        let full = gemmRate(n: 4096, region: .full)
        let lower = gemmRate(n: 4096, region: .lowerTriangle)
        print(String(format: "GEMM 4096 x 4096, depth 256, %d threads: full %.1f GFLOP/s, lower triangle %.1f GFLOP/s",
                     ProcessInfo.processInfo.activeProcessorCount, full, lower))
    }

    static func inverse() throws {
        let n = order
        let peak = gemmRate(n: 4096, region: .lowerTriangle)
        // A = XᵀX/n + I, symmetric positive definite and well conditioned.
        let x = random(rows: n, columns: n, seed: 3)
        let a = Matrix<Float>(rows: n, columns: n)
        DenseMultiply.multiply(MatrixView(x).transposed, MatrixView(x), into: MatrixView(a), alpha: 1 / Float(n),
                               region: .lowerTriangle)
        for i in 0..<n { a[i, i] += 1 }
        let start = DispatchTime.now().uptimeNanoseconds
        try PositiveDefiniteInverse.invert(a)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = pow(Double(n), 3) / seconds / 1e9
        print(String(format: "inverse of order %d: %.2f s, %.1f GFLOP/s (n^3 flops) = %.0f%% of the lower-triangle GEMM peak %.1f GFLOP/s measured before it",
                     n, seconds, rate, 100 * rate / peak, peak))
        let gowalla = pow(29_858.0, 3) / rate / 1e9
        print(String(format: "at this rate EASE's user-Gram inverse on Gowalla (order 29,858) takes %.0f s", gowalla))
    }
}
