/// How the values of one column of an attribute file are read (see `AttributeFileReader`).
public enum AttributeColumnType: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A finite decimal number per row (`25`, `-3.5`, `1e3`); a missing value is nil.
    case numeric
    /// One category per row, by its label; a missing value has no category.
    case categorical
    /// A set of categories per row, written as labels joined by `separator`
    /// (`Comedy|Drama` with `"|"`); a missing value is the empty set.
    case multiCategorical(separator: String)
    /// Free text per row (titles, URLs), kept but not used as a feature.
    case text
    /// Not read at all.
    case ignored

    /// `numeric`, `categorical`, `multi-categorical(|)`, `text` or `ignored`.
    public var description: String {
        switch self {
        case .numeric: return "numeric"
        case .categorical: return "categorical"
        case .multiCategorical(let separator): return "multi-categorical(\(separator))"
        case .text: return "text"
        case .ignored: return "ignored"
        }
    }
}
