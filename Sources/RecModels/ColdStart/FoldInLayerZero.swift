/// Where a folded-in node's layer-0 embedding `e_*` comes from (its propagated layers come from
/// its neighbours, see ``PropagationFoldIn``).
public indirect enum FoldInLayerZero: Sendable, Equatable, Hashable {
    /// `e_* = 0`: the node is its neighbourhood only.
    case zero
    /// `e_* = (1/|S|) Σ_{w∈S} E_w`, the mean of the neighbours' layer-0 rows.
    case neighbourMean
    /// A given vector, for example the projection of the node's features (length D).
    case given([Float])
    /// Starts from `from`, then fits `e_*` on the node's own BPR loss
    /// (``PropagationFoldIn/fitLayerZero(neighbours:candidates:start:settings:propagation:)``).
    case fittedByBPR(from: FoldInLayerZero, settings: FoldInBPRSettings)
}
