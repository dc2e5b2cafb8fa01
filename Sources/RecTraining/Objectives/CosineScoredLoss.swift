import RecKernels
import RecModels

/// An objective on cosine scores (``ScoreFunction/cosine``): the batch's score vectors are
/// scaled to unit length, `f̃ = f / ‖f‖`, the wrapped objective is computed on them, and its
/// gradient is carried back through the scaling,
///
///     ∂L/∂f = (∂L/∂f̃ − f̃ ⟨f̃, ∂L/∂f̃⟩) / ‖f‖,
///
/// so that any objective (BPR, softmax, BSL, DirectAU) trains the model for cosine scores.
/// The batch's ``LossBatch/embeddings`` are left holding the unit vectors.
public struct CosineScoredLoss: LossFunction {
    /// The objective computed on the unit vectors.
    public let base: any LossFunction

    /// `base` on cosine scores.
    public init(_ base: any LossFunction) {
        self.base = base
    }

    /// - Precondition: `batch.gradient` is zero (as a fresh batch's is), so that all of it is
    ///   the wrapped objective's and is carried back through the scaling.
    public func accumulate(_ batch: LossBatch) -> Double {
        let norms = batch.embeddings.normalizeRows()
        let loss = base.accumulate(batch)
        batch.gradient.backpropagateRowNormalization(units: batch.embeddings, norms: norms)
        return loss
    }
}
