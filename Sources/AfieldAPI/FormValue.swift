import Foundation

/// A JSON value of a form field. Numbers keep their literal text (`"1500.80"` stays exact;
/// no `Double` on the way).
public enum FormValue: Codable, Sendable, Equatable, Hashable {
    case string(String)
    case number(String)
    case bool(Bool)
    case array([FormValue])
    case object([String: FormValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Decimal.self) { self = .number("\(value)"); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([FormValue].self) { self = .array(value); return }
        self = .object(try container.decode([String: FormValue].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(Decimal(string: value) ?? 0)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The text of a string or number, else nil.
    public var text: String? {
        switch self {
        case .string(let value), .number(let value): value
        default: nil
        }
    }
}
