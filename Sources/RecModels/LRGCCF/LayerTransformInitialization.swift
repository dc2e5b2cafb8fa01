/// How LR-GCCF's layer transforms `W_l` (`d × d`) start.
public enum LayerTransformInitialization: String, Sendable, Codable, CaseIterable {
    /// `W_l = I`: the model starts as the authors' released code (propagation without transforms).
    case identity
    /// Xavier/Glorot uniform `U(−a, a)`, `a = √(6/(2d)) = √(3/d)`.
    case xavierUniform
}
