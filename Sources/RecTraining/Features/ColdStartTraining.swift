/// What ``FeatureBPRTrainer`` adds to its BPR step so that the feature part of the model learns
/// to carry a node alone (for users or items that arrive without interactions).
///
/// - **ID dropout** (DropoutNet, Volkovs et al., NeurIPS 2017): in every batch each distinct
///   node of a ``sides`` side is, with probability ``idDropout``, scored as a cold node would
///   be at serving time, `out_v = α₀ · φ(v)` (features only, no ID row, no propagation), instead
///   of its propagated embedding. Its BPR gradient then reaches only the feature tables:
///   `∂L/∂φ(v) = α₀ · ∂L/∂out_v`. The mask is drawn from its own seeded stream, so the sampled
///   triples are those of a run without dropout.
/// - **Feature distillation**: for the batch's nodes `N_s` of each side in ``sides``, a
///   regression of the feature-only embedding onto the propagated one (the target is held
///   fixed, as in distillation):
///
///       R_d = w · Σ_s (1/|N_s|) Σ_{v∈N_s} ‖α₀ φ(v) − sg(out_v)‖²,
///       ∂R_d/∂φ(v) = 2 w α₀ (α₀ φ(v) − out_v) / |N_s|
///
///   with `w` = ``featureDistillation``; it reaches only the feature tables.
///
/// - **Separate cold heads** (``separateHead``): φ above is a projection of its own
///   (`FeatureLightGCN.userColdEncoder`), used only for nodes without an ID row, instead of the
///   projection that is also part of the warm nodes' E⁰. Dropout then scores each triple with a
///   dropped node twice, as usual and with the dropped nodes served by the head (the other
///   outputs held fixed), so dropout and distillation train the head without moving the warm
///   model: the warm tables' gradients are those of the plain step.
///
/// Both terms are off by default (`idDropout = 0`, `featureDistillation = 0`), and the trainer's
/// step is then exactly the plain feature-aware BPR step.
public struct ColdStartTraining: Sendable, Equatable {
    /// The side(s) whose nodes are dropped out and distilled.
    public struct Sides: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The users.
        public static let users = Sides(rawValue: 1)
        /// The items.
        public static let items = Sides(rawValue: 2)
        /// Users and items.
        public static let both: Sides = [.users, .items]
    }

    /// Probability `p ∈ [0, 1)` that a batch node of ``sides`` is scored from its features only.
    public var idDropout: Double
    /// Weight `w ≥ 0` of the distillation term.
    public var featureDistillation: Double
    /// Where dropout and distillation apply (a side without features is skipped).
    public var sides: Sides
    /// Whether new nodes get a feature-only head of their own, trained by the two terms.
    public var separateHead: Bool

    /// Settings; the defaults switch everything off.
    public init(idDropout: Double = 0, featureDistillation: Double = 0, sides: Sides = .both, separateHead: Bool = false) {
        self.idDropout = idDropout
        self.featureDistillation = featureDistillation
        self.sides = sides
        self.separateHead = separateHead
    }

    /// Whether either term is on.
    public var isActive: Bool { idDropout > 0 || featureDistillation > 0 }

    /// The first setting out of range, as a message that names the option, or nil.
    public var problem: String? {
        if !(idDropout >= 0 && idDropout < 1) { return "--id-dropout must be in [0, 1), got \(idDropout)" }
        if !(featureDistillation >= 0 && featureDistillation.isFinite) {
            return "--feature-distillation must be a finite number ≥ 0, got \(featureDistillation)"
        }
        if separateHead && !isActive {
            return "--separate-cold-head trains the head with --id-dropout or --feature-distillation: give one of them"
        }
        return nil
    }
}
