import Foundation

/// The formula of a computed form field: a tiny, safe arithmetic language evaluated over exact
/// decimals (Foundation `Decimal`, never `Double`, never `NSExpression`).
///
/// Grammar: `expr := term (("+"|"-") term)*`, `term := factor (("*"|"/") factor)*`,
/// `factor := ("+"|"-") factor | number | "(" expr ")" | key | "sum(" table "." column ")" | "days(" key ")"`.
/// Numbers are plain decimals starting with a digit (`1.5`, `0.5`; no exponent). `days(range)` is the inclusive day count of
/// a date-range field (2026-11-28 … 2026-12-02 is 5).
public indirect enum FormExpression: Sendable, Equatable {
    case number(Decimal)
    case field(String)
    case sum(table: String, column: String)
    case days(String)
    case negate(FormExpression)
    case binary(Operator, FormExpression, FormExpression)

    public enum Operator: Character, Sendable { case add = "+", subtract = "-", multiply = "*", divide = "/" }

    /// Why a formula cannot be read; `near` is the text where reading stopped.
    public struct SyntaxError: Error, Equatable, Sendable {
        public let near: String
    }

    /// Longest accepted formula, in characters.
    public static let maxLength = 200

    /// Parses `text`.
    /// - Throws: ``SyntaxError``.
    public static func parse(_ text: String) throws(SyntaxError) -> FormExpression {
        var parser = Parser(tokens: try tokenize(text))
        let expression = try parser.expression(depth: 0)
        guard parser.index == parser.tokens.count else { throw SyntaxError(near: parser.tokens[parser.index].text) }
        return expression
    }

    /// Every reference: `.field`, `.sum` and `.days` nodes, in order.
    public var references: [FormExpression] {
        switch self {
        case .number: []
        case .field, .sum, .days: [self]
        case .negate(let inner): inner.references
        case .binary(_, let a, let b): a.references + b.references
        }
    }

    /// The value, with `resolve` answering each reference (nil: an empty value, counted as 0).
    /// Nil when dividing by zero.
    public func evaluate(_ resolve: (FormExpression) -> Decimal?) -> Decimal? {
        switch self {
        case .number(let value): return value
        case .field, .sum, .days: return resolve(self) ?? 0
        case .negate(let inner): return inner.evaluate(resolve).map { -$0 }
        case .binary(let op, let a, let b):
            guard let x = a.evaluate(resolve), let y = b.evaluate(resolve) else { return nil }
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return y == 0 ? nil : x / y
            }
        }
    }

    // MARK: - Reading

    struct Token: Equatable {
        enum Kind: Equatable { case number(Decimal), name(String), symbol(Character) }
        let kind: Kind
        let text: String
    }

    static func tokenize(_ text: String) throws(SyntaxError) -> [Token] {
        guard text.count <= maxLength else { throw SyntaxError(near: String(text.prefix(20))) }
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" {
                i += 1
            } else if c.isASCII && c.isNumber {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
                let literal = String(chars[i..<j])
                guard literal.filter({ $0 == "." }).count <= 1, literal != ".", literal.count <= 30,
                      let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))
                else { throw SyntaxError(near: literal) }
                tokens.append(Token(kind: .number(value), text: literal))
                i = j
            } else if c.isASCII && c.isLetter {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                let name = String(chars[i..<j])
                tokens.append(Token(kind: .name(name), text: name))
                i = j
            } else if "+-*/().".contains(c) {
                tokens.append(Token(kind: .symbol(c), text: String(c)))
                i += 1
            } else {
                throw SyntaxError(near: String(chars[i..<min(chars.count, i + 10)]))
            }
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        var index = 0

        static let maxDepth = 20

        var end: SyntaxError { SyntaxError(near: tokens.last?.text ?? "") }

        mutating func take(_ symbol: Character) -> Bool {
            guard index < tokens.count, tokens[index].kind == .symbol(symbol) else { return false }
            index += 1
            return true
        }

        mutating func expect(_ symbol: Character) throws(SyntaxError) {
            guard take(symbol) else { throw index < tokens.count ? SyntaxError(near: tokens[index].text) : end }
        }

        mutating func name() throws(SyntaxError) -> String {
            guard index < tokens.count, case .name(let name) = tokens[index].kind else {
                throw index < tokens.count ? SyntaxError(near: tokens[index].text) : end
            }
            index += 1
            return name
        }

        mutating func expression(depth: Int) throws(SyntaxError) -> FormExpression {
            guard depth < Self.maxDepth else { throw SyntaxError(near: index < tokens.count ? tokens[index].text : "") }
            var left = try term(depth: depth)
            while true {
                if take("+") { left = .binary(.add, left, try term(depth: depth)) }
                else if take("-") { left = .binary(.subtract, left, try term(depth: depth)) }
                else { return left }
            }
        }

        mutating func term(depth: Int) throws(SyntaxError) -> FormExpression {
            var left = try factor(depth: depth)
            while true {
                if take("*") { left = .binary(.multiply, left, try factor(depth: depth)) }
                else if take("/") { left = .binary(.divide, left, try factor(depth: depth)) }
                else { return left }
            }
        }

        mutating func factor(depth: Int) throws(SyntaxError) -> FormExpression {
            guard depth < Self.maxDepth else { throw SyntaxError(near: index < tokens.count ? tokens[index].text : "") }
            guard index < tokens.count else { throw end }
            if take("-") { return .negate(try factor(depth: depth + 1)) }
            if take("+") { return try factor(depth: depth + 1) }
            if take("(") {
                let inner = try expression(depth: depth + 1)
                try expect(")")
                return inner
            }
            let token = tokens[index]
            switch token.kind {
            case .number(let value):
                index += 1
                return .number(value)
            case .name(let name):
                index += 1
                if take("(") {
                    switch name {
                    case "sum":
                        let table = try self.name()
                        try expect(".")
                        let column = try self.name()
                        try expect(")")
                        return .sum(table: table, column: column)
                    case "days":
                        let field = try self.name()
                        try expect(")")
                        return .days(field)
                    default:
                        throw SyntaxError(near: name)
                    }
                }
                return .field(name)
            case .symbol:
                throw SyntaxError(near: token.text)
            }
        }
    }
}

extension Decimal {
    /// Rounded to `scale` fraction digits, half away from zero (commercial rounding).
    func roundedHalfUp(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// `self × 10^scale` as an integer after rounding half-up, or nil when it does not fit `Int64`.
    func scaledInt64(scale: Int) -> Int64? {
        var value = roundedHalfUp(scale: scale)
        var power = Decimal(1)
        for _ in 0..<scale { power *= 10 }
        value *= power
        var integral = Decimal()
        NSDecimalRound(&integral, &value, 0, .plain)
        guard integral.magnitude < Decimal(string: "9223372036854775807")! else { return nil }
        return Int64("\(integral)")
    }

    /// The exact decimal `minorUnits × 10^-scale`.
    init(minorUnits: Int64, scale: Int) {
        self = Decimal(sign: minorUnits < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(minorUnits.magnitude))
    }
}
