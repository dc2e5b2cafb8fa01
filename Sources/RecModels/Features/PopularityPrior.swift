import Foundation
import RecKernels

/// An item-popularity prior inside the feature model: every score gets a learned multiple of
/// the item's log popularity,
///
///     score(u, i) = ⟨out_u, out_i⟩ + w · p_i,        p_i = ln(1 + n_i),
///
/// with `n_i` the number of training users of item `i` and one learned scalar `w` (the
/// ``weight`` table, `1 × 1`, shared by all users). For a user with no interactions and
/// uninformative features (`out_u ≈ 0`) the ranking is popularity's exactly, since `p` is
/// monotone in `n`; informative features move it away from popularity only as far as the
/// training loss rewards. The gradient of the BPR term of a triple (u, i, j) with
/// `x = score(u, i) − score(u, j)` is `∂L/∂w = −σ(−x) · (p_i − p_j) / B`; the prior does not
/// touch the embeddings' gradients.
///
/// A new item has `n = 0`, hence `p = 0`: among cold items the prior is a constant and does not
/// change their order.
public final class PopularityPrior<Scalar: KernelScalar>: Sendable {
    /// `p_i = ln(1 + n_i)`, one per item.
    public let itemValues: [Scalar]
    /// The learned weight `w` (`1 × 1`; starts at 0).
    public let weight: Matrix<Scalar>

    /// A prior for items with `counts[i]` training users each, weight 0.
    public convenience init(itemCounts counts: [Int]) {
        self.init(itemValues: counts.map { Scalar(log1p(Double(max($0, 0)))) }, weight: 0)
    }

    /// A prior from its parts (for example a saved model's).
    public init(itemValues: [Scalar], weight: Scalar) {
        self.itemValues = itemValues
        self.weight = Matrix(rows: 1, columns: 1, values: [weight])
    }

    /// The current value of `w`.
    public var currentWeight: Scalar { weight[0, 0] }

    /// `[query, w]`: a user's final embedding extended so that its inner product with an
    /// ``extendedItems(_:)`` row is the prior-augmented score.
    public func extendedQuery(_ embedding: [Scalar]) -> [Scalar] {
        embedding + [currentWeight]
    }

    /// `[out_i, p_i]` for every row of `items` (`I × D` → `I × (D+1)`).
    public func extendedItems(_ items: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(items.rows == itemValues.count, "PopularityPrior: \(items.rows) item rows for \(itemValues.count) items")
        return extended(items, last: { itemValues[$0] })
    }

    /// `[out_u, w]` for every row of `users` (`U × D` → `U × (D+1)`).
    public func extendedUsers(_ users: Matrix<Scalar>) -> Matrix<Scalar> {
        let w = currentWeight
        return extended(users, last: { _ in w })
    }

    /// The same users and items scored with the prior: `[out_u, w]` against `[out_i, p_i]`.
    public func extended(_ recommender: EmbeddingRecommender) -> EmbeddingRecommender where Scalar == Float {
        EmbeddingRecommender(userEmbeddings: extendedUsers(recommender.userEmbeddings),
                             itemEmbeddings: extendedItems(recommender.itemEmbeddings))
    }

    func extended(_ m: Matrix<Scalar>, last: (Int) -> Scalar) -> Matrix<Scalar> {
        let d = m.columns
        let out = Matrix<Scalar>(rows: m.rows, columns: d + 1)
        for r in 0..<m.rows {
            for c in 0..<d { out[r, c] = m[r, c] }
            out[r, d] = last(r)
        }
        return out
    }
}
