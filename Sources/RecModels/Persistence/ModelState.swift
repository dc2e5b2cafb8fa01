import RecData
import RecKernels

/// The fitted state of a model as named values and arrays: what a model file stores for a
/// model kind other than the LightGCN family (``PersistentRecommender``).
///
/// Names are the model's own (`"itemWeights"`, `"userFactors"`, …); the file format stores
/// every array with its name and shape, so that a reader checks each one before using it.
public struct ModelState: Sendable {
    /// Scalar settings (options and sizes).
    public var parameters: [String: Double] = [:]
    /// Text settings (for example a solver's name).
    public var labels: [String: String] = [:]
    /// Dense `Float` matrices.
    public var matrices: [String: Matrix<Float>] = [:]
    /// `Float` arrays.
    public var floats: [String: [Float]] = [:]
    /// Integer arrays (stored as 64-bit).
    public var integers: [String: [Int]] = [:]

    /// An empty state.
    public init() {}

    /// The parameter `name`.
    public func parameter(_ name: String) throws(ModelStateError) -> Double {
        guard let value = parameters[name] else { throw .missing(name) }
        return value
    }

    /// The integer parameter `name` (a whole number in `Int`'s range).
    public func integerParameter(_ name: String) throws(ModelStateError) -> Int {
        let value = try parameter(name)
        guard value.rounded() == value, let integer = Int(exactly: value) else {
            throw .invalid(name, "expected a whole number, found \(value)")
        }
        return integer
    }

    /// The label `name`.
    public func label(_ name: String) throws(ModelStateError) -> String {
        guard let value = labels[name] else { throw .missing(name) }
        return value
    }

    /// The matrix `name`, which must be `rows × columns` (nil: any number of that dimension).
    public func matrix(_ name: String, rows: Int?, columns: Int?) throws(ModelStateError) -> Matrix<Float> {
        guard let m = matrices[name] else { throw .missing(name) }
        if let rows, m.rows != rows { throw .invalid(name, "expected \(rows) rows, found \(m.rows)") }
        if let columns, m.columns != columns { throw .invalid(name, "expected \(columns) columns, found \(m.columns)") }
        return m
    }

    /// The float array `name`, which must hold `count` values (nil: any number).
    public func floatArray(_ name: String, count: Int?) throws(ModelStateError) -> [Float] {
        guard let values = floats[name] else { throw .missing(name) }
        if let count, values.count != count { throw .invalid(name, "expected \(count) values, found \(values.count)") }
        return values
    }

    /// The integer array `name`, which must hold `count` values (nil: any number).
    public func integerArray(_ name: String, count: Int?) throws(ModelStateError) -> [Int] {
        guard let values = integers[name] else { throw .missing(name) }
        if let count, values.count != count { throw .invalid(name, "expected \(count) values, found \(values.count)") }
        return values
    }
}

/// Why a saved state cannot rebuild a model: the entry named and what is wrong.
public enum ModelStateError: Error, Equatable, CustomStringConvertible {
    /// The state has no entry of that name.
    case missing(String)
    /// The entry exists but its shape or value is wrong.
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let name): "the model state has no '\(name)'"
        case .invalid(let name, let why): "the model state's '\(name)' is invalid: \(why)"
        }
    }
}

/// A recommender that writes its fitted state as a ``ModelState`` and is rebuilt from it and
/// its training interactions: every kind other than the LightGCN family (which a
/// `TrainedModel` stores).
///
/// Rebuilding must give a model whose `recommend` returns exactly what the saved one returned
/// (a round trip is part of every kind's conformance test).
public protocol PersistentRecommender: Recommender {
    /// The kind recorded in the model file.
    static var kind: ModelKind { get }
    /// The fitted state (without the training interactions, which the file stores once for all kinds).
    var state: ModelState { get }
    /// The model of `state`, fitted on `train`.
    init(state: ModelState, train: InteractionMatrix) throws(ModelStateError)
}
