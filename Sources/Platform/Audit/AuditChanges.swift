import Foundation

/// The changed fields of one audited mutation: `{"field":{"before":"a@…","after":"b@…"}}`.
///
/// Values are kept as text (money as decimal text, ids as UUID text) so the log reads the same
/// whatever the column types; unchanged fields are left out.
public struct AuditChanges: Sendable, Equatable, Codable {
    public struct Change: Sendable, Equatable, Codable {
        public var before: String?
        public var after: String?
        public init(before: String?, after: String?) {
            self.before = before
            self.after = after
        }
    }

    public private(set) var fields: [String: Change] = [:]

    public init() {}

    /// Records `field` if `before` and `after` differ.
    public mutating func set(_ field: String, _ before: (any CustomStringConvertible)?, _ after: (any CustomStringConvertible)?) {
        let b = before.map { String(describing: $0) }, a = after.map { String(describing: $0) }
        if b != a { fields[field] = Change(before: b, after: a) }
    }

    /// Records every field of a new record (before = nil).
    public mutating func created(_ values: [(String, (any CustomStringConvertible)?)]) {
        for (field, value) in values { set(field, nil, value) }
    }

    /// Stands in for the values of a sensitive field (DESIGN §5): the log says that it changed,
    /// never what it holds, because auditors read the log without the field's permission.
    public static let concealed = "[concealed]"

    /// Records that sensitive `field` changed without its values: `before` / `after` are
    /// ``concealed`` when the field had / has a value and nil when it was / is empty.
    public mutating func setConcealed(_ field: String, hadValue: Bool, hasValue: Bool) {
        fields[field] = Change(before: hadValue ? Self.concealed : nil, after: hasValue ? Self.concealed : nil)
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// Canonical JSON (sorted keys) as stored and hashed.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws { fields = try [String: Change](from: decoder) }
    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
}
