import RecData
import RecKernels
import RecModels
import Testing

/// Reading a new node's features from `column=value` text with the training columns' labels
/// and statistics.
@Suite("Features: labels, training statistics and new nodes given as text")
struct FeatureSchemaTests {
    /// Five users as a feature file would give them; user 4 (age 1000, occupation "pilot") is
    /// held out of training.
    static let table = AttributeTable(keys: Vocabulary(["a", "b", "c", "d", "e"]), columns: [
        .categorical(name: "gender", labels: ["F", "M", "F", nil, "M"]),
        .init(name: "age", values: .numeric([20, 30, nil, 40, 1000])),
        .multiCategorical(name: "genres", labels: [["Comedy", "Drama"], ["Drama"], [], ["Action"], ["Comedy"]]),
        .categorical(name: "occupation", labels: ["writer", "writer", "nurse", "nurse", "pilot"]),
    ])
    static let training = NodeFeatures(table: table).subset([0, 1, 2, 3])

    static func encoder() -> FeatureEncoder<Double> {
        var g = SeededGenerator(seed: 8)
        return FeatureEncoder(features: training, dimension: 4, standardDeviation: 0.5, generator: &g)
    }

    @Test("numeric statistics come from the training rows only; labels come from the table")
    func statisticsFromTrainingRows() {
        let schema = Self.encoder().schema
        #expect(schema.columnNames == ["gender", "age", "genres", "occupation"])
        #expect(schema.columns[0].kind == .categorical(categories: ["F", "M"]))
        #expect(schema.columns[2].kind == .multiCategorical(categories: ["Comedy", "Drama", "Action"]))
        // Ages 20, 30, 40 (the held-out 1000 and the missing one excluded): μ = 30, σ = √(200/3).
        guard case .numeric(let mean, let deviation) = schema.columns[1].kind else {
            Issue.record("age is not numeric")
            return
        }
        #expect(mean == 30)
        #expect(abs(deviation - (200.0 / 3).squareRoot()) < 1e-12)
        #expect(Self.encoder().means[1] == 30)
    }

    @Test("a user given as text encodes exactly like the training row with the same values")
    func textMatchesTrainingRow() throws {
        let encoder = Self.encoder()
        let values = try FeatureSchema.parseAssignments("gender=F, age=20,genres=Drama|Comedy,occupation=writer,")
        #expect(values == ["gender": "F", "age": "20", "genres": "Drama|Comedy", "occupation": "writer"])
        let row = try encoder.schema.features(from: values)
        #expect(row.unknownValues.isEmpty && row.absentColumns.isEmpty)
        #expect(row.features == Self.training.subset([0]))
        #expect(encoder.encode(row.features).values == encoder.encode(Self.training.subset([0])).values)
        // Absent columns are missing: user c (no genres, no age) given only by gender and occupation.
        let partial = try encoder.schema.features(from: ["gender": "F", "occupation": "nurse", "age": "NA"])
        #expect(partial.absentColumns == ["age", "genres"])
        #expect(encoder.encode(partial.features).values == encoder.encode(Self.training.subset([2])).values)
    }

    @Test("an unknown category value falls back to missing (the zero embedding for its column) and is reported")
    func unknownValueFallsBackToMissing() throws {
        let encoder = Self.encoder()
        let row = try encoder.schema.features(from: ["gender": "X", "genres": "Drama|Cyberpunk", "age": "35"])
        #expect(row.unknownValues == [UnknownFeatureValue(column: "gender", value: "X"),
                                      UnknownFeatureValue(column: "genres", value: "Cyberpunk")])
        #expect(row.notes[0] == "gender: \"X\" is not a known value; treated as missing (no contribution)")
        let same = try encoder.schema.features(from: ["genres": "Drama", "age": "35"])
        #expect(encoder.encode(row.features).values == encoder.encode(same.features).values)
        #expect(throws: FeatureInputError.unknownValue(column: "gender", value: "X", known: ["F", "M"])) {
            try encoder.schema.features(from: ["gender": "X"], unknownValues: .reject)
        }
    }

    @Test("a category that only held-out rows have gets the zero embedding, like an unknown value")
    func heldOutCategoryIsZero() throws {
        let encoder = Self.encoder()
        let occupation = encoder.tables[3]
        #expect(occupation.rowArray(2) == [0, 0, 0, 0])  // "pilot": only user e, held out
        #expect(occupation.rowArray(0) != [0, 0, 0, 0])
        let pilot = try encoder.schema.features(from: ["occupation": "pilot"])
        #expect(pilot.unknownValues.isEmpty)
        #expect(encoder.encode(pilot.features).values == [0, 0, 0, 0])
    }

    @Test("unknown columns, non-numbers, malformed and repeated pairs are errors that say what to do")
    func errors() {
        let schema = Self.encoder().schema
        #expect(throws: FeatureInputError.unknownColumn(name: "sex", available: ["gender", "age", "genres", "occupation"])) {
            try schema.features(from: ["sex": "F"])
        }
        #expect(throws: FeatureInputError.notANumber(column: "age", value: "young")) {
            try schema.features(from: ["age": "young"])
        }
        #expect(throws: FeatureInputError.malformedAssignment(text: "gender")) {
            try FeatureSchema.parseAssignments("gender,age=3")
        }
        #expect(throws: FeatureInputError.repeatedColumn(name: "age")) {
            try FeatureSchema.parseAssignments("age=3, age=4")
        }
        #expect(FeatureInputError.unknownColumn(name: "sex", available: ["gender"]).description
                == "\"sex\" is not a feature column (columns: \"gender\"); name an existing column.")
    }

    @Test("from a feature file to a new user given as text: read, align to the users, train rows, encode")
    func fromFileToText() throws {
        let csv = "user,age,gender,genres\nu1,20,F,Comedy|Drama\nu2,30,M,Drama\nu9,25,F,Action\n"
        let table = try AttributeFileReader().parse(Array(csv.utf8), path: "users.csv")
        let alignment = table.alignment(to: Vocabulary(["u2", "u1"]))
        #expect(alignment.extraRows.keys.ids == ["u9"])
        let training = NodeFeatures(table: alignment.table)
        var g = SeededGenerator(seed: 1)
        let encoder = FeatureEncoder<Double>(features: training, dimension: 3, generator: &g)
        // The new user u9 has features but no interactions: read from the kept extra row's text.
        let extra = alignment.extraRows
        let values = Dictionary(uniqueKeysWithValues: extra.columns.map { ($0.name, $0.displayValue(at: 0)) })
        let row = try encoder.schema.features(from: values)
        // "Action" is a label of the file (u9 has it) but of no training row: known, with a zero row,
        // so it contributes what an unknown value would.
        #expect(row.unknownValues.isEmpty)
        #expect(encoder.means[0] == 25)  // u1 and u2 only
        #expect(encoder.encode(row.features).values
                == encoder.encode(try encoder.schema.features(from: ["age": "25", "gender": "F"]).features).values)
    }

    @Test("a feature model reads new users and items by label; a side without features says so")
    func modelSides() throws {
        var g = SeededGenerator(seed: 2)
        let model = FeatureLightGCN<Float>(userCount: 4, itemCount: 3, dimension: 4, numLayers: 1,
                                           userFeatures: Self.training, itemFeatures: nil, generator: &g)
        let row = try model.userFeatures(from: ["gender": "M", "genres": "Action"])
        #expect(model.userLayerZero(features: row.features).values
                == model.userEncoder!.encode(row.features).values)
        #expect(throws: FeatureInputError.noFeatures(side: "item")) { try model.itemFeatures(from: [:]) }
        #expect(try FeatureSchema.parseAssignments("  ").isEmpty)
    }
}
