import Foundation
import Testing
@testable import RecReports

@Suite("Axis scales")
struct AxisScaleTests {
    /// Whether `step` is 1, 2 or 5 times a power of ten.
    static func isNice(_ step: Double) -> Bool {
        let mantissa = step / pow(10, log10(step).rounded(.down))
        return [1.0, 2.0, 5.0, 10.0].contains { abs(mantissa - $0) < 1e-9 }
    }

    @Test("linear ticks are 1-2-5 steps that cover the data, for 2000 random ranges")
    func niceAndCovering() {
        var generator = TestGenerator(seed: 42)
        for _ in 0..<2000 {
            let magnitude = pow(10, Double(Int(generator.next() % 13)) - 6)
            let a = (generator.uniform() - 0.3) * magnitude, b = (generator.uniform() - 0.3) * magnitude
            let scale = AxisScale.linear(covering: min(a, b), max(a, b))
            let tolerance = 1e-9 * max(abs(a), abs(b), scale.step)
            #expect(Self.isNice(scale.step), "step \(scale.step) for \(a)...\(b)")
            #expect(scale.lower <= min(a, b) + tolerance && scale.upper >= max(a, b) - tolerance,
                    "\(scale.lower)...\(scale.upper) does not cover \(a)...\(b)")
            #expect((2...12).contains(scale.ticks.count), "\(scale.ticks.count) ticks for \(a)...\(b)")
            for (next, tick) in zip(scale.ticks.dropFirst(), scale.ticks) {
                #expect(abs(next - tick - scale.step) <= scale.step * 1e-6)
            }
        }
    }

    @Test("a Recall range gets short, exact labels")
    func recallLabels() {
        let scale = AxisScale.linear(covering: 0.1, 0.17)
        #expect(scale.step == 0.02)
        #expect(scale.ticks.map(scale.label(for:)) == ["0.10", "0.12", "0.14", "0.16", "0.18"])
        let tenths = AxisScale.linear(covering: 0, 0.9, targetTickCount: 9)
        #expect(tenths.ticks.map(tenths.label(for:)).contains("0.3"))
    }

    @Test("equal, zero and non-finite bounds give a usable scale")
    func degenerate() {
        let equal = AxisScale.linear(covering: 0.17, 0.17)
        #expect(equal.lower < 0.17 && equal.upper > 0.17 && equal.ticks.count >= 2)
        let zero = AxisScale.linear(covering: 0, 0)
        #expect(zero.lower == 0 && zero.upper == 1)
        let nan = AxisScale.linear(covering: .nan, 3)
        #expect(nan.lower == 0 && nan.upper == 1)
        let epoch = AxisScale.linear(covering: 1, 1, integerSteps: true)
        #expect(epoch.ticks == [0, 1, 2])
    }

    @Test("integer steps never go below 1")
    func integerSteps() {
        let scale = AxisScale.linear(covering: 1, 3, targetTickCount: 10, integerSteps: true)
        #expect(scale.step == 1)
        #expect(scale.ticks == [1, 2, 3])
        let epochs = AxisScale.linear(covering: 1, 100, targetTickCount: 5, integerSteps: true)
        #expect(epochs.ticks == [0, 20, 40, 60, 80, 100])
    }

    @Test("logarithmic ticks: 1-2-5 within two decades, powers of ten beyond")
    func logarithmic() {
        let ks = AxisScale.logarithmic(covering: 10, 50)
        #expect(ks.ticks == [10, 20, 50])
        let losses = AxisScale.logarithmic(covering: 2e-4, 0.7)
        #expect(losses.ticks == [1e-4, 1e-3, 1e-2, 0.1, 1])
        #expect(losses.ticks.map(losses.label(for:)) == ["0.0001", "0.001", "0.01", "0.1", "1"])
        let wide = AxisScale.logarithmic(covering: 1e-9, 1e6)
        #expect(wide.ticks.count <= 8 && wide.lower <= 1e-9 && wide.upper >= 1e6)
        let exact = AxisScale.logarithmic(covering: 100, 100)
        #expect(exact.lower <= 100 && exact.upper >= 100 && exact.ticks.count >= 2)
        #expect(losses.fraction(of: 0) == nil && losses.fraction(of: -1) == nil)
    }

    @Test("nice steps", arguments: [(0.013, 0.02), (0.3, 0.5), (1.0, 1.0), (7.0, 10.0), (160.0, 200.0), (0.0, 1.0)])
    func niceStep(raw: Double, expected: Double) {
        #expect(abs(AxisScale.niceStep(covering: raw) - expected) < 1e-12)
    }
}
