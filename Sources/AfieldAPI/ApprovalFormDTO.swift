import Foundation

/// The kinds of field a custom approval form (DingTalk-style OA 审批表单) can hold.
///
/// Values, as sent and as normalised by the server:
/// - `text`, `textarea`: a string.
/// - `number`: a decimal (JSON number or string), normalised to a string with the field's
///   `precision` digits (`"1.5"`).
/// - `money`: a decimal in the company currency, normalised to a string with the currency's
///   digits (`"1200.50"`); never a binary floating-point number.
/// - `date`: `"YYYY-MM-DD"`. `dateRange`: `{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`.
/// - `select`: one option `value`. `multiSelect`: an array of option values.
/// - `user`, `department`: an id (UUID string).
/// - `attachment`, `image`: an array of file ids (UUID strings, at most 20).
/// - `table`: an array of rows, each an object by column key.
/// - `computed`: worked out by the server from `formula`; a client's value is ignored.
public enum FormFieldType: String, Codable, Sendable, CaseIterable {
    case text, textarea, number, money, date, dateRange, select, multiSelect, user, department, attachment, image, table, computed
}

/// One choice of a `select` or `multiSelect` field: `value` is stored, `label` is shown.
public struct FormOption: Codable, Sendable, Hashable {
    public var value: String
    public var label: String
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// One field of a form, or one column of a `table` field.
public struct FormField: Codable, Sendable, Equatable {
    /// `[a-z][a-zA-Z0-9_]{0,39}`, unique in the form (or in the table's columns).
    public var key: String
    public var type: FormFieldType
    public var label: String
    public var required: Bool
    public var placeholder: String?
    /// `select` and `multiSelect`: 1–100 options with distinct values.
    public var options: [FormOption]?
    /// `table`: 1–20 columns of type text, number, money, date or select.
    public var columns: [FormField]?
    /// `number` (and `computed`): digits after the decimal point, 0…4 (default 0 for numbers).
    public var precision: Int?
    /// `computed`: `+ - * /`, parentheses, decimal numbers, keys of number / money / computed
    /// fields, `sum(table.column)` and `days(dateRangeField)` (inclusive day count).
    public var formula: String?
    /// Number and money columns of a table: show (and offer to conditions) the column's sum.
    public var summable: Bool?
    /// Shown on the request's card in the inbox (摘要): at most three fields of a form, of type
    /// text, textarea, number, money, date, dateRange, select, multiSelect or computed. When no
    /// field is marked, the card shows the first amount, date and other short fields.
    public var summary: Bool?

    public init(key: String, type: FormFieldType, label: String, required: Bool = false, placeholder: String? = nil,
                options: [FormOption]? = nil, columns: [FormField]? = nil, precision: Int? = nil, formula: String? = nil,
                summable: Bool? = nil, summary: Bool? = nil) {
        self.summary = summary
        self.key = key
        self.type = type
        self.label = label
        self.required = required
        self.placeholder = placeholder
        self.options = options
        self.columns = columns
        self.precision = precision
        self.formula = formula
        self.summable = summable
    }

    enum CodingKeys: String, CodingKey { case key, type, label, required, placeholder, options, columns, precision, formula, summable, summary }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        type = try c.decode(FormFieldType.self, forKey: .type)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? ""
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        placeholder = try c.decodeIfPresent(String.self, forKey: .placeholder)
        options = try c.decodeIfPresent([FormOption].self, forKey: .options)
        columns = try c.decodeIfPresent([FormField].self, forKey: .columns)
        precision = try c.decodeIfPresent(Int.self, forKey: .precision)
        formula = try c.decodeIfPresent(String.self, forKey: .formula)
        summable = try c.decodeIfPresent(Bool.self, forKey: .summable)
        summary = try c.decodeIfPresent(Bool.self, forKey: .summary)
    }
}

/// The fields of a form, in display order (at most 60).
public struct FormSchema: Codable, Sendable, Equatable {
    public var fields: [FormField]
    public init(fields: [FormField]) { self.fields = fields }
}

/// A JSON value as submitted in a form. Numbers keep their literal text (`.number("1200.50")`),
/// so nothing passes through `Double`.
public indirect enum FormValue: Codable, Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case string(String)
    /// A JSON number, as its decimal text.
    case number(String)
    case bool(Bool)
    case array([FormValue])
    case object([String: FormValue])
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: FormValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, FormValue)...) { self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a })) }
    public init(nilLiteral: ()) { self = .null }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let string = try? c.decode(String.self) {
            self = .string(string)
        } else if let bool = try? c.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? c.decode(Decimal.self) {
            self = .number("\(number)")
        } else if let number = try? c.decode(Double.self) {
            // Beyond Decimal's range (1e300): kept as its text, which no number field accepts.
            self = .number("\(number)")
        } else if let array = try? c.decode([FormValue].self) {
            self = .array(array)
        } else if let object = try? c.decode([String: FormValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.typeMismatch(FormValue.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a JSON value"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let value): try c.encode(value)
        case .number(let text):
            if let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) { try c.encode(decimal) } else { try c.encode(text) }
        case .bool(let value): try c.encode(value)
        case .array(let value): try c.encode(value)
        case .object(let value): try c.encode(value)
        case .null: try c.encodeNil()
        }
    }

    /// The text of a string, or of a number.
    public var text: String? {
        switch self {
        case .string(let value), .number(let value): value
        default: nil
        }
    }
}

/// A custom approval form (`/api/v1/approvals/forms`).
public struct ApprovalFormDTO: Codable, Sendable {
    public var id: UUID
    /// Optional handle unique in the company (`[a-z][a-zA-Z0-9_-]{0,39}`).
    public var key: String?
    public var name: String
    public var description: String?
    /// Icon name the web app knows (`general`, `trip`, `outing`, `overtime`, `seal`, `payment`, …).
    public var icon: String
    /// Group shown in the list of forms (free text, e.g. "Finance").
    public var category: String
    /// The built-in template the form was made from: `general`, `businessTrip`, `outing`,
    /// `overtime`, `sealUse`, `paymentRequest`; nil for forms made from scratch.
    public var templateKey: String?
    public var schema: FormSchema
    /// The approval flow the form starts (set by the approval engine).
    public var flowId: UUID?
    /// Whether the form can be submitted now: it has an active approval flow. Built-in forms
    /// start with a default one; a form made from scratch has none until it is designed.
    public var hasFlow: Bool
    public var archived: Bool
    public var version: Int
    public var updatedAt: Date?

    public init(id: UUID, key: String?, name: String, description: String?, icon: String, category: String, templateKey: String?,
                schema: FormSchema, flowId: UUID?, hasFlow: Bool? = nil, archived: Bool, version: Int, updatedAt: Date?) {
        self.hasFlow = hasFlow ?? (flowId != nil)
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.icon = icon
        self.category = category
        self.templateKey = templateKey
        self.schema = schema
        self.flowId = flowId
        self.archived = archived
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// `POST /api/v1/approvals/forms`.
public struct NewApprovalFormRequest: Codable, Sendable {
    public var key: String?
    public var name: String
    public var description: String?
    public var icon: String?
    public var category: String?
    public var schema: FormSchema
    public init(key: String? = nil, name: String, description: String? = nil, icon: String? = nil, category: String? = nil, schema: FormSchema) {
        self.key = key
        self.name = name
        self.description = description
        self.icon = icon
        self.category = category
        self.schema = schema
    }
}

/// `PATCH /api/v1/approvals/forms/{id}`: the fields sent change; `version` is the one read
/// (a stale one answers 409 with the current form). An empty `key` or `description` clears it.
public struct ApprovalFormUpdate: Codable, Sendable {
    public var version: Int?
    public var key: String?
    public var name: String?
    public var description: String?
    public var icon: String?
    public var category: String?
    public var schema: FormSchema?
    public init(version: Int?, key: String? = nil, name: String? = nil, description: String? = nil, icon: String? = nil,
                category: String? = nil, schema: FormSchema? = nil) {
        self.version = version
        self.key = key
        self.name = name
        self.description = description
        self.icon = icon
        self.category = category
        self.schema = schema
    }
}

/// `POST /api/v1/approvals/forms/{id}/check`: values as a requester would submit them.
public struct FormValuesRequest: Codable, Sendable {
    public var values: [String: FormValue]
    public init(values: [String: FormValue]) { self.values = values }
}

/// The answer of a check: the values as the server would store them (trimmed, numbers and
/// money as decimal strings with their digits, dates checked) and the computed fields.
public struct FormSubmissionCheck: Codable, Sendable {
    public var values: [String: FormValue]
    public var computed: [String: FormValue]
    public init(values: [String: FormValue], computed: [String: FormValue]) {
        self.values = values
        self.computed = computed
    }
}
