import Platform
import Testing

@Suite("Exact decimal text")
struct FixedDecimalTests {
    @Test("parses decimal text exactly", arguments: [
        ("9.8", 2, Int64(980)), ("14", 2, 1400), ("0.15", 4, 1500), ("-3.5", 2, -350), (" 12.50 ", 2, 1250), (".5", 2, 50), ("7.", 2, 700),
    ])
    func parses(text: String, scale: Int, expected: Int64) throws {
        #expect(try FixedDecimal.parse(text, scale: scale) == expected)
    }

    @Test("refuses what is not a plain number", arguments: ["", "abc", "1e5", "1,5", "--1", "1.2.3", ".", "+", "12a"])
    func refusesText(text: String) {
        #expect(throws: FixedDecimal.ParseError.notANumber) { try FixedDecimal.parse(text, scale: 2) }
    }

    @Test("refuses more decimals than the scale, but allows trailing zeros")
    func tooManyDecimals() throws {
        #expect(throws: FixedDecimal.ParseError.tooManyDecimals(allowed: 2)) { try FixedDecimal.parse("18.005", scale: 2) }
        #expect(try FixedDecimal.parse("18.0500", scale: 2) == 1805)
    }

    @Test("refuses numbers beyond Int64")
    func outOfRange() {
        #expect(throws: FixedDecimal.ParseError.outOfRange) { try FixedDecimal.parse("99999999999999999999", scale: 0) }
    }

    @Test("formats with the scale's digits")
    func formats() {
        #expect(FixedDecimal.format(44000, scale: 2) == "440.00")
        #expect(FixedDecimal.format(5, scale: 2) == "0.05")
        #expect(FixedDecimal.format(-510, scale: 2) == "-5.10")
        #expect(FixedDecimal.format(1200, scale: 0) == "1200")
        #expect(FixedDecimal.formatTrimmed(125000, scale: 4) == "12.5")
        #expect(FixedDecimal.formatTrimmed(120000, scale: 4) == "12")
    }
}
