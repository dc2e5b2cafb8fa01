extension Matrix where Scalar == Float {
    /// Turns row `r` of logits into scaled softmax weights, in place, and returns the log-sum-exp.
    ///
    /// With `z_m = self[r, m] · inverseTemperature` for every column `m ≠ excluded` and an optional
    /// extra logit `e` (a term of the denominator that has no column):
    ///
    ///     lse = log( [e] e^e + Σ_{m≠excluded} e^{z_m} )
    ///     self[r, m] ← scale · e^{z_m − lse}   (0 at `excluded`)
    ///
    /// computed stably (every exponent is shifted by the largest logit first) with a 16-lane
    /// exponential (``exponential16(_:)``). `excluded < 0` excludes nothing. With no term at all
    /// (an empty row, everything excluded and no extra) the row is zero and the result is −∞.
    @inlinable
    public func softmaxRow(_ r: Int, inverseTemperature: Float, excluding excluded: Int, extraLogit: Float?,
                           scale: Float) -> Float {
        precondition(r >= 0 && r < rows && excluded < columns, "softmaxRow: row \(r) or column \(excluded) outside the matrix")
        let n = columns, row = storage + r * n
        let raw = UnsafeMutableRawPointer(row)
        if excluded >= 0 { row[excluded] = -Float.infinity }
        // Pass 1: the largest logit.
        var top16 = SIMD16<Float>(repeating: -Float.infinity)
        var m = 0
        while m + 16 <= n {
            top16 = pointwiseMax(top16, raw.loadUnaligned(fromByteOffset: m * 4, as: SIMD16<Float>.self))
            m += 16
        }
        var top = top16.max()
        while m < n { top = Swift.max(top, row[m]); m += 1 }
        top *= inverseTemperature  // τ > 0: the largest scaled logit is the scaled largest
        if let extraLogit { top = Swift.max(top, extraLogit) }
        guard top > -Float.infinity else {
            row.update(repeating: 0, count: n)
            return -Float.infinity
        }
        // Pass 2: e^{z − top} and their sum.
        let shift = SIMD16<Float>(repeating: top), factor = SIMD16<Float>(repeating: inverseTemperature)
        var sum16 = SIMD16<Float>()
        m = 0
        while m + 16 <= n {
            let w = exponential16(raw.loadUnaligned(fromByteOffset: m * 4, as: SIMD16<Float>.self) * factor - shift)
            raw.storeBytes(of: w, toByteOffset: m * 4, as: SIMD16<Float>.self)
            sum16 += w
            m += 16
        }
        var sum = sum16.sum()
        while m < n {
            let w = exponential16(SIMD16(repeating: row[m] * inverseTemperature - top))[0]
            row[m] = w
            sum += w
            m += 1
        }
        if let extraLogit { sum += exponential16(SIMD16(repeating: extraLogit - top))[0] }
        // Pass 3: normalise and scale.
        let weight = SIMD16<Float>(repeating: scale / sum)
        m = 0
        while m + 16 <= n {
            raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: m * 4, as: SIMD16<Float>.self) * weight,
                           toByteOffset: m * 4, as: SIMD16<Float>.self)
            m += 16
        }
        while m < n { row[m] *= scale / sum; m += 1 }
        if excluded >= 0 { row[excluded] = 0 }
        return top + Float.logarithm(sum)
    }
}

/// `e^x` on 16 lanes, within about 2·10⁻⁷ relative for x in [−87, 88] (arguments below are
/// taken as −87, giving ≈ 1.6·10⁻³⁸, −∞ included: callers zero excluded terms themselves).
///
/// Method: `x = n·ln 2 + t` with `n` the nearest integer to `x/ln 2` (found by adding 1.5·2²³,
/// which leaves n in the low mantissa bits) and |t| ≤ ln 2 / 2; `e^t` by its Taylor polynomial of
/// degree 7 (error below t⁸/8! ≈ 5·10⁻⁹); `2ⁿ` by writing `n + 127` into the exponent bits.
@inlinable @inline(__always)
public func exponential16(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let clamped = pointwiseMin(pointwiseMax(x, SIMD16(repeating: -87)), SIMD16(repeating: 88))
    let shifter = SIMD16<Float>(repeating: 12_582_912)  // 1.5 · 2²³
    let shifted = clamped * SIMD16(repeating: 1.442_695_04) + shifter
    let n = shifted - shifter
    var t = clamped - n * SIMD16(repeating: 0.693_145_751_953_125)  // ln 2, high part
    t = t - n * SIMD16(repeating: 1.428_606_765_330_187e-6)          // ln 2, low part
    var p = SIMD16<Float>(repeating: 1.0 / 5040)
    p = p * t + SIMD16(repeating: 1.0 / 720)
    p = p * t + SIMD16(repeating: 1.0 / 120)
    p = p * t + SIMD16(repeating: 1.0 / 24)
    p = p * t + SIMD16(repeating: 1.0 / 6)
    p = p * t + SIMD16(repeating: 0.5)
    p = p * t + SIMD16(repeating: 1)
    p = p * t + SIMD16(repeating: 1)
    let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(shifter, to: SIMD16<Int32>.self)
    let power = unsafeBitCast((integer &+ 127) &<< 23, to: SIMD16<Float>.self)
    return p * power
}
