/// The kinds of model the project fits, saves, loads, evaluates and serves: one name each, as
/// given to `lightgcn train --model` and recorded in every model file.
public enum ModelKind: String, CaseIterable, Codable, Sendable {
    /// LightGCN (He et al., SIGIR 2020), with or without side features.
    case lightgcn
    /// Matrix factorisation trained with BPR (LightGCN with no propagation layer).
    case mf
    /// LR-GCCF (Chen et al., AAAI 2020): linear residual graph convolution.
    case lrgccf
    /// Implicit ALS (Hu, Koren and Volinsky, ICDM 2008).
    case ials
    /// EASE (Steck, WWW 2019): a closed-form item-item model.
    case ease
    /// Item-based k-nearest neighbours with shrunk cosine similarity.
    case itemknn
    /// GF-CF (Shen et al., CIKM 2021): linear and ideal low-pass graph filters.
    case gfcf
    /// Most popular items.
    case popularity

    /// The name shown in tables and messages.
    public var displayName: String {
        switch self {
        case .lightgcn: "LightGCN"
        case .mf: "MF-BPR"
        case .lrgccf: "LR-GCCF"
        case .ials: "iALS"
        case .ease: "EASE"
        case .itemknn: "ItemKNN"
        case .gfcf: "GF-CF"
        case .popularity: "popularity"
        }
    }

    /// Whether the model is a LightGCN embedding table trained with BPR (LightGCN, and MF as
    /// LightGCN with zero layers): such models are stored as a `TrainedModel` and support the
    /// propagation fold-in, side features and embedding export.
    public var isLightGCNFamily: Bool { self == .lightgcn || self == .mf }

    /// Whether the model ranks by an inner product of user and item vectors (so that item-item
    /// similarity is the cosine of item vectors, and its tables can be exported).
    public var hasEmbeddings: Bool {
        switch self {
        case .lightgcn, .mf, .lrgccf, .ials: true
        case .ease, .itemknn, .gfcf, .popularity: false
        }
    }

    /// The kind named `name` (case-insensitive; `mf-bpr`, `lr-gccf`, `gf-cf`, `item-knn` and
    /// `pop` are accepted too), or nil.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        switch key {
        case "mfbpr": self = .mf
        case "pop", "mostpopular": self = .popularity
        default: self.init(rawValue: key)
        }
    }

    /// Every kind's name, comma-separated (for help texts and messages).
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
