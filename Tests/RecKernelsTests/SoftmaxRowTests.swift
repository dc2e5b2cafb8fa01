import Foundation
import Testing
@testable import RecKernels

@Suite("Softmax rows")
struct SoftmaxRowTests {
    @Test("the 16-lane exponential is within 3·10⁻⁷ relative of exp over [−87, 88]")
    func exponential() {
        var worst = 0.0
        var x: Float = -87
        while x <= 88 {
            let lanes = SIMD16<Float>((0..<16).map { x + Float($0) * 0.0137 })
            let values = exponential16(lanes)
            for k in 0..<16 where lanes[k] <= 88 {
                let exact = Foundation.exp(Double(lanes[k]))
                worst = max(worst, abs(Double(values[k]) - exact) / exact)
            }
            x += 0.37
        }
        #expect(worst < 3e-7, "worst relative error \(worst)")
        #expect(exponential16(SIMD16(repeating: -.infinity))[0] < 1e-37)
    }

    @Test("weights and log-sum-exp equal the formula, with an excluded column and an extra term, for every row length")
    func weights() {
        for n in [1, 5, 16, 17, 40] {
            let m = Matrix<Float>(rows: 2, columns: n)
            for c in 0..<n { m[0, c] = Float(c % 7) * 0.9 - 2; m[1, c] = Float(c) * 40 }  // row 1: far beyond exp's range
            let original = m.copy()
            for r in 0..<2 {
                let excluded = n > 2 ? 1 : -1, tau: Float = 0.5, extra: Float = 3
                let lse = m.softmaxRow(r, inverseTemperature: 1 / tau, excluding: excluded, extraLogit: extra, scale: 2)
                let logits = (0..<n).filter { $0 != excluded }.map { Double(original[r, $0] / tau) } + [Double(extra)]
                let top = logits.max()!
                let expected = top + log(logits.reduce(0) { $0 + exp($1 - top) })
                #expect(abs(Double(lse) - expected) <= 1e-5 * max(1, abs(expected)), "n \(n) row \(r): \(lse) vs \(expected)")
                for c in 0..<n {
                    let want = c == excluded ? 0 : 2 * exp(Double(original[r, c] / tau) - expected)
                    #expect(abs(Double(m[r, c]) - want) <= 1e-6 + 1e-5 * want, "n \(n) row \(r) column \(c)")
                }
            }
        }
        let empty = Matrix<Float>(rows: 1, columns: 1)
        #expect(empty.softmaxRow(0, inverseTemperature: 1, excluding: 0, extraLogit: nil, scale: 1) == -.infinity && empty[0, 0] == 0)
    }
}
