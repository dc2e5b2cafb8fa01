import RecTraining

/// The rows of a configuration table: every stored setting of a `TrainingConfiguration`, in
/// declaration order, with a readable name. Settings added later appear without a change here
/// (named from their property name).
enum ConfigurationSummary {
    /// Readable names of known settings.
    static let names: [String: String] = [
        "layers": "Layers L", "dimension": "Embedding dimension", "epochs": "Epochs",
        "batchSize": "Batch size", "learningRate": "Learning rate", "lambda": "L2 weight λ",
        "seed": "Seed", "evaluateEvery": "Evaluate every", "ks": "Cut-offs K", "sampling": "Sampling",
        "regularization": "Regularisation", "initialization": "Initialisation",
        "maxBatchesPerEpoch": "Max batches per epoch", "patience": "Early-stopping patience",
        "selectionMetric": "Selection metric",
    ]

    /// What a missing (nil) setting means, where "—" would say too little.
    static let missing: [String: String] = ["maxBatchesPerEpoch": "all", "patience": "off"]

    /// The (name, value) rows of `configuration`.
    static func rows(_ configuration: TrainingConfiguration) -> [(key: String, value: String)] {
        Mirror(reflecting: configuration).children.compactMap { child in
            guard let label = child.label else { return nil }
            return (names[label] ?? spaced(label), text(of: child.value) ?? missing[label] ?? "—")
        }
    }

    /// The stored setting named `name`, if the configuration has one (read by reflection, so
    /// that reports follow settings as they are added).
    static func setting(_ name: String, of configuration: TrainingConfiguration) -> Any? {
        Mirror(reflecting: configuration).children.first { $0.label == name }?.value
    }

    /// A value as text: raw values of enums, lists joined by commas; nil for a missing value.
    static func text(of value: Any) -> String? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return text(of: wrapped)
        }
        if let raw = value as? any RawRepresentable, let string = raw.rawValue as? String { return string }
        if let list = value as? [Int] { return list.map(String.init).joined(separator: ", ") }
        if mirror.displayStyle == .collection {
            return mirror.children.map { text(of: $0.value) ?? "—" }.joined(separator: ", ")
        }
        return String(describing: value)
    }

    /// `batchSize` → `Batch size`.
    static func spaced(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase && !result.isEmpty { result += " " + character.lowercased() } else { result.append(character) }
        }
        return result.prefix(1).uppercased() + result.dropFirst()
    }
}
