import Foundation

/// A DTO that tells the OpenAPI document what its `Codable` shape cannot show: a key the server
/// requires although the Swift type keeps it optional (so that a missing value becomes a field
/// error in the reader's language rather than a decoding error), texts that must not be empty,
/// lengths, ranges, allowed values, formats. The document generator (Platform's
/// `SchemaRecorder`) merges these into the schema derived from decoding the type.
public protocol APISchemaRefining {
    /// Property name → what to add to its schema.
    static var schemaRefinements: [String: SchemaRefinement] { get }
}

/// What one property's schema gains (JSON Schema 2020-12 keywords).
public struct SchemaRefinement: Sendable {
    public var required: Bool
    public var minLength: Int?
    public var maxLength: Int?
    public var minimum: Int?
    public var maximum: Int?
    public var minItems: Int?
    public var maxItems: Int?
    public var pattern: String?
    public var format: String?
    public var allowed: [String]?
    /// A schema that replaces the derived one whole (a field with a meaning of its own for "").
    public var replacement: JSONValue?

    public init(required: Bool = false, minLength: Int? = nil, maxLength: Int? = nil, minimum: Int? = nil, maximum: Int? = nil,
                minItems: Int? = nil, maxItems: Int? = nil, pattern: String? = nil, format: String? = nil, allowed: [String]? = nil) {
        self.required = required
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.minItems = minItems
        self.maxItems = maxItems
        self.pattern = pattern
        self.format = format
        self.allowed = allowed
    }

    /// The property's schema is `schema`, whatever its type would give.
    public static func replaced(by schema: JSONValue, required: Bool = false) -> SchemaRefinement {
        var refinement = SchemaRefinement(required: required)
        refinement.replacement = schema
        return refinement
    }

    /// Present in every request (a record's `version` on an update).
    public static let required = SchemaRefinement(required: true)
    /// A required text with at least one character that is not a space, at most `max` characters.
    public static func name(max: Int) -> SchemaRefinement {
        SchemaRefinement(required: true, minLength: 1, maxLength: max, pattern: SchemaPattern.notBlank)
    }
    /// A new name, when one is sent: not blank, at most `max` characters (absent: unchanged).
    public static func rename(max: Int) -> SchemaRefinement {
        SchemaRefinement(minLength: 1, maxLength: max, pattern: SchemaPattern.notBlank)
    }
    /// An optional text of at most `max` characters.
    public static func text(max: Int) -> SchemaRefinement { SchemaRefinement(maxLength: max) }
    /// An e-mail address.
    public static let email = SchemaRefinement(maxLength: 254, format: "email")
    /// A `YYYY-MM-DD` day.
    public static let date = SchemaRefinement(format: "date")
    /// One of `values`.
    public static func oneOf(_ values: [String], required: Bool = false) -> SchemaRefinement { SchemaRefinement(required: required, allowed: values) }

    /// The refinement as JSON Schema keywords.
    public var keywords: [String: JSONValue] {
        var k: [String: JSONValue] = [:]
        if let minLength { k["minLength"] = .number(minLength) }
        if let maxLength { k["maxLength"] = .number(maxLength) }
        if let minimum { k["minimum"] = .number(minimum) }
        if let maximum { k["maximum"] = .number(maximum) }
        if let minItems { k["minItems"] = .number(minItems) }
        if let maxItems { k["maxItems"] = .number(maxItems) }
        if let pattern { k["pattern"] = .string(pattern) }
        if let format { k["format"] = .string(format) }
        if let allowed { k["enum"] = .array(allowed.map(JSONValue.string)) }
        return k
    }
}

/// A type whose JSON Schema is given whole: its JSON is not what decoding it shows (a value that
/// may be a string, a number or an array; a number sent as text).
public protocol APISchemaProviding {
    static var apiSchema: JSONValue { get }
}

/// Regular expressions (ECMA-262, as JSON Schema uses) the server's text checks amount to.
public enum SchemaPattern {
    /// No control character (line feed, carriage return and tab allowed; line and paragraph
    /// separators too), no bidirectional override or mark, no byte order mark: what every JSON
    /// string the server accepts satisfies (Platform's `TextInput.hasForbidden`).
    public static let text = #"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]*$"#
    /// As ``text``, without line breaks, separators or tabs: query parameters and one-line names.
    public static let line = #"^[^\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]*$"#
    /// One line with at least one character that is not white space.
    public static let notBlank = #"^[^\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]*[^\s\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF][^\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]*$"#
    /// A decimal number as text: `12`, `-3.50`.
    /// A time of day `HH:mm`, 00:00…23:59.
    public static let clock = #"^([01][0-9]|2[0-3]):[0-5][0-9]$"#
    public static let decimal = #"^-?[0-9]{1,15}(\.[0-9]{1,6})?$"#
}

extension DecimalText: APISchemaProviding {
    /// Sent as decimal text or as any JSON number; answered as text. The field's own rules (a
    /// positive quantity, an amount that fits the ledger) come after, with codes of their own.
    public static var apiSchema: JSONValue {
        ["anyOf": [["type": "string", "pattern": .string(SchemaPattern.decimal)], ["type": "number"]]]
    }
}

extension FormValue: APISchemaProviding {
    /// Any JSON value; the form's field decides what fits.
    public static var apiSchema: JSONValue { ["type": ["string", "number", "boolean", "array", "object", "null"]] }
}
