import Foundation

/// A decimal number as sent by a client: JSON string (`"12.5"`) or JSON number (`12.5`).
///
/// It keeps the text as given so that the server, not the JSON decoder, decides whether it is a
/// valid number; a wrong value then becomes a field error (`lines[0].quantity`) instead of a
/// failed decode of the whole body. JSON numbers are read as `Decimal`, never `Double`.
public struct DecimalText: Codable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { self.text = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let number = try? container.decode(Decimal.self) {
            text = "\(number)"
        } else if let number = try? container.decode(Double.self) {
            // Beyond Decimal's range (1e300): its text, which the field then refuses as out of range.
            text = "\(number)"
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a decimal number"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
}
