import RecKernels

/// One batch as an objective sees it: every node the objective reads, once, as a row of a
/// compact table of score vectors, and the pairs and negatives as indices into that table.
///
/// The trainer fills ``embeddings`` from the model's final vectors of ``nodes`` and moves
/// ``gradient`` (∂L/∂embeddings, written by the objective) back into the model, so objectives
/// know nothing of graphs or layers.
public final class LossBatch {
    /// The graph nodes of the rows (users `0..<U`, item `i` is `U + i`), distinct.
    public let nodes: [Int32]
    /// The score vectors of `nodes` (`nodes.count × width`).
    public let embeddings: Matrix<Float>
    /// ∂L/∂embeddings, zero until an objective adds to it.
    public let gradient: Matrix<Float>
    /// Each pair's user, as a row of the table.
    public let users: [Int32]
    /// Each pair's positive item, as a row.
    public let positives: [Int32]
    /// Each pair's own negative (BPR), as a row; empty when the objective uses shared negatives.
    public let negatives: [Int32]
    /// The negatives every pair is contrasted with (softmax losses), as distinct rows.
    public let sharedNegatives: [Int32]

    /// A batch over `nodes` with score vectors of `width` numbers (zero until filled).
    public convenience init(nodes: [Int32], width: Int, users: [Int32], positives: [Int32], negatives: [Int32] = [],
                            sharedNegatives: [Int32] = []) {
        self.init(nodes: nodes, embeddings: Matrix(rows: nodes.count, columns: width), users: users,
                  positives: positives, negatives: negatives, sharedNegatives: sharedNegatives)
    }

    /// A batch whose score vectors are not yet written (a trainer fills every row before the
    /// objective reads them); the gradient starts at zero, cleared in parallel.
    convenience init(nodes: [Int32], unfilledWidth width: Int, users: [Int32], positives: [Int32], negatives: [Int32],
                     sharedNegatives: [Int32]) {
        self.init(nodes: nodes, embeddings: Matrix(uninitializedRows: nodes.count, columns: width), users: users,
                  positives: positives, negatives: negatives, sharedNegatives: sharedNegatives)
    }

    private init(nodes: [Int32], embeddings: Matrix<Float>, users: [Int32], positives: [Int32], negatives: [Int32],
                 sharedNegatives: [Int32]) {
        precondition(users.count == positives.count, "one positive per pair")
        precondition(negatives.isEmpty || negatives.count == users.count, "one negative per pair, or none")
        self.nodes = nodes
        self.embeddings = embeddings
        gradient = Matrix(uninitializedRows: nodes.count, columns: embeddings.columns)
        gradient.clearInParallel()
        self.users = users
        self.positives = positives
        self.negatives = negatives
        self.sharedNegatives = sharedNegatives
    }

    /// Number of pairs B.
    public var pairCount: Int { users.count }
    /// Width of a score vector.
    public var width: Int { embeddings.columns }
}

/// A training objective: adds ∂L/∂embeddings of a batch's mean loss to `batch.gradient` and
/// returns the mean loss (see ``TrainingLoss`` for the formulas).
public protocol LossFunction: Sendable {
    /// Adds the gradient of the batch's mean loss to `batch.gradient`; returns that mean loss.
    func accumulate(_ batch: LossBatch) -> Double
}
