import Platform
import Testing

@Suite("Rounding rules")
struct RoundingTests {
    @Test("half-up rounds ties away from zero")
    func halfUp() {
        #expect(RoundingRule.halfUp.divide(125, by: 10) == 13)
        #expect(RoundingRule.halfUp.divide(-125, by: 10) == -13)
        #expect(RoundingRule.halfUp.divide(124, by: 10) == 12)
        #expect(RoundingRule.halfUp.divide(135, by: 10) == 14)
    }

    @Test("half-even rounds ties to the even neighbour")
    func halfEven() {
        #expect(RoundingRule.halfEven.divide(125, by: 10) == 12)
        #expect(RoundingRule.halfEven.divide(135, by: 10) == 14)
        #expect(RoundingRule.halfEven.divide(-125, by: 10) == -12)
        #expect(RoundingRule.halfEven.divide(126, by: 10) == 13)
    }
}

@Suite("Money")
struct MoneyTests {
    @Test("reads and writes amounts with the currency's minor unit")
    func currencies() throws {
        #expect(try Money(parsing: "9.8", currency: .usd).minorUnits == 980)
        #expect(try Money(parsing: "1200", currency: Currency(code: "JPY")!).decimalText == "1200")
        #expect(throws: FixedDecimal.ParseError.tooManyDecimals(allowed: 0)) { try Money(parsing: "1.5", currency: Currency(code: "JPY")!) }
        #expect(try Money(parsing: "1.005", currency: Currency(code: "KWD")!).decimalText == "1.005")
        #expect(Currency(code: "XXX") == nil)
    }

    @Test("adds in one currency")
    func adds() throws {
        let sum = try Money(parsing: "0.10", currency: .cny) + Money(parsing: "0.20", currency: .cny)
        #expect(sum.decimalText == "0.30")
    }

    @Test("percentages read as percent or as a fraction")
    func percentages() throws {
        #expect(try Percentage(parsing: "5").hundredths == 500)
        #expect(try Percentage(parsing: "12.5").hundredths == 1250)
        #expect(try Percentage(parsingFraction: "0.15").hundredths == 1500)
        #expect(try Percentage(parsingFraction: "0.05").decimalText == "5")
    }
}
