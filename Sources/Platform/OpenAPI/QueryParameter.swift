import AfieldAPI
import Foundation

/// One query parameter a route accepts, with its JSON Schema for the OpenAPI document. A plain
/// string literal (`"q"`) is free text: one line, at most ``TextInput/queryMax`` characters, as
/// ``TextGuardMiddleware`` enforces for every parameter.
public struct QueryParameter: Sendable, ExpressibleByStringLiteral {
    public let name: String
    public let schema: JSONValue
    /// Longest value accepted (characters), enforced by ``TextGuardMiddleware``: ``TextInput/queryMax``
    /// unless the parameter is a list that needs more (``idList(_:maximum:)``).
    public var maxLength: Int = TextInput.queryMax

    /// - Parameter schema: the value's schema; an empty or blank value is also accepted, and
    ///   means the parameter is absent (as web forms send an unset filter).
    public init(_ name: String, schema: JSONValue) {
        self.name = name
        self.schema = ["anyOf": [schema, ["type": "string", "pattern": .string(Self.blank)]]]
    }

    /// Only white space (``Request/queryText(_:)`` trims it): the parameter counts as absent.
    static let blank = #"^[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]*$"#

    private init(name: String, exactly schema: JSONValue) {
        self.name = name
        self.schema = schema
    }

    public init(stringLiteral name: String) { self = .text(name) }

    /// Free text (a search): one line, at most ``TextInput/queryMax`` characters.
    public static func text(_ name: String) -> QueryParameter {
        // The length is stated in the pattern alone: Schemathesis 4.32's coverage phase takes a
        // value one past `maxLength` beside a `pattern` for a valid one.
        let pattern = String(SchemaPattern.line.dropLast(2)) + "{0,\(TextInput.queryMax)}$"
        return QueryParameter(name: name, exactly: ["type": "string", "pattern": .string(pattern)])
    }

    /// An integer in `minimum…maximum`.
    public static func integer(_ name: String, minimum: Int, maximum: Int = Int(Int64.max)) -> QueryParameter {
        QueryParameter(name, schema: ["type": "integer", "minimum": .number(minimum), "maximum": .number(maximum)])
    }

    /// A record id.
    public static func uuid(_ name: String) -> QueryParameter { QueryParameter(name, schema: ["type": "string", "format": "uuid"]) }

    /// A day, `YYYY-MM-DD`.
    public static func date(_ name: String) -> QueryParameter { QueryParameter(name, schema: ["type": "string", "format": "date"]) }

    /// `true` or `false`.
    public static func boolean(_ name: String) -> QueryParameter { QueryParameter(name, schema: ["type": "boolean"]) }

    /// One of `values`.
    public static func oneOf(_ name: String, _ values: [String]) -> QueryParameter {
        QueryParameter(name, schema: ["type": "string", "enum": .array(values.map(JSONValue.string))])
    }

    /// The raw values of a string enum.
    public static func oneOf<E: CaseIterable & RawRepresentable>(_ name: String, _ type: E.Type) -> QueryParameter where E.RawValue == String {
        oneOf(name, type.allCases.map(\.rawValue))
    }

    /// Record ids, comma-separated (a selection): at most `maximum` of them.
    public static func idList(_ name: String, maximum: Int) -> QueryParameter {
        let id = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        var parameter = QueryParameter(name, schema: ["type": "string", "pattern": .string("^\(id)(,\(id)){0,\(maximum - 1)}$")])
        parameter.maxLength = maximum * 37
        return parameter
    }

    /// `page` (from 1) and `limit` (1…200; more is capped to 200) of a list (``PageRequest``).
    public static let paging: [QueryParameter] = [.integer("page", minimum: 1), .integer("limit", minimum: 1)]
}
