/// Why a dense factorisation or inversion failed.
public enum DenseLinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix is not (numerically) symmetric positive definite: the pivot at `index` (the
    /// diagonal of the Schur complement there) was `value ≤ 0` or not finite. Add a ridge
    /// (`λ·I`) or check the input for NaNs.
    case notPositiveDefinite(index: Int, value: Double)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let index, let value):
            return "matrix is not positive definite: pivot \(index) is \(value); add a ridge (λ·I) or check the input for NaNs"
        }
    }
}
