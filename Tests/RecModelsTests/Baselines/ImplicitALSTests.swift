import RecData
import RecKernels
import RecModels
import Testing

@Suite("Implicit ALS")
struct ImplicitALSTests {
    @Test("the objective decreases every iteration")
    func lossDecreases() throws {
        let train = BaselineTestSupport.randomInteractions(users: 50, items: 40, maxItems: 10, seed: 31)
        let model = try ImplicitALSRecommender.fit(train: train, options: .init(factors: 8, regularization: 0.1, alpha: 10,
                                                                               iterations: 6))
        let history = model.lossHistory
        #expect(history.count == 6)
        #expect(zip(history, history.dropFirst()).allSatisfy { $0 > $1 - 1e-5 * abs($0) }, "\(history)")
        // The objective at the random start is larger than after training.
        let start = ImplicitALSRecommender.loss(train: train, userFactors: Matrix(rows: 50, columns: 8),
                                                itemFactors: Matrix(rows: 40, columns: 8), options: model.options)
        #expect(history.last! < 0.9 * start)
    }

    @Test("fold-in equals the exact user-side solve")
    func foldIn() throws {
        let train = BaselineTestSupport.randomInteractions(users: 30, items: 25, maxItems: 8, seed: 32)
        let options = ImplicitALSRecommender.Options(factors: 5, regularization: 0.5, alpha: 4, iterations: 3)
        let model = try ImplicitALSRecommender.fit(train: train, options: options)
        let items = [3, 7, 7, 19]
        // (YᵀY + λI + α Σ y yᵀ) x = (1 + α) Σ y, by naive Gauss–Jordan.
        let f = 5
        var a = [[Double]](repeating: [Double](repeating: 0, count: f), count: f)
        var b = [Double](repeating: 0, count: f)
        for i in 0..<25 {
            let y = model.itemFactors.rowArray(i).map(Double.init)
            let observed = Set(items).contains(i)
            for r in 0..<f {
                if observed { b[r] += 5 * y[r] }
                for c in 0..<f { a[r][c] += (observed ? 5 : 1) * y[r] * y[c] }
            }
        }
        for r in 0..<f { a[r][r] += 0.5 }
        let inverse = BaselineTestSupport.naiveInverse(a)
        let expected = (0..<f).map { r in (0..<f).reduce(0.0) { $0 + inverse[r][$1] * b[$1] } }
        let x = model.foldIn(items: items)
        for r in 0..<f { #expect(abs(Double(x[r]) - expected[r]) < 1e-4 * max(1, abs(expected[r]))) }
        let scores = model.scores(factors: x)
        #expect(scores.count == 25)
        #expect(abs(Double(scores[3]) - (0..<f).reduce(0.0) { $0 + Double(x[$1]) * Double(model.itemFactors[3, $1]) }) < 1e-5)
    }

    /// For fixed item factors the fold-in is the minimiser of a user's part of the objective, so
    /// putting it in place of a trained user's factors can only lower the loss.
    @Test("fold-in of a training user's items never raises the objective")
    func foldInMinimisesUserObjective() throws {
        let train = BaselineTestSupport.randomInteractions(users: 30, items: 25, maxItems: 8, seed: 33)
        let model = try ImplicitALSRecommender.fit(train: train, options: .init(factors: 4, regularization: 0.2, alpha: 3,
                                                                               iterations: 4))
        for user in [0, 5, 17] {
            let solved = model.foldIn(items: Array(train.items(ofUser: user)).map(Int.init))
            let x = model.userFactors.copy()
            let before = ImplicitALSRecommender.loss(train: train, userFactors: x, itemFactors: model.itemFactors,
                                                     options: model.options)
            for c in 0..<4 { x[user, c] = solved[c] }
            let after = ImplicitALSRecommender.loss(train: train, userFactors: x, itemFactors: model.itemFactors,
                                                    options: model.options)
            #expect(after <= before + 1e-9 * abs(before))
        }
    }

    @Test("recommendations rank by x_u·y_i and exclude training items")
    func recommendContract() throws {
        let train = BaselineTestSupport.randomInteractions(users: 20, items: 30, maxItems: 6, seed: 34)
        let model = try ImplicitALSRecommender.fit(train: train, options: .init(factors: 6, iterations: 3))
        BaselineTestSupport.expectContract(model, excluding: train.itemsOfUser, k: 8) { user in
            (0..<30).map { i in (0..<6).reduce(0.0) { $0 + Double(model.userFactors[user, $1]) * Double(model.itemFactors[i, $1]) } }
        }
    }
}
