import Foundation
import Platform
import Testing

@Suite("Search text and workbench figures")
struct SearchWorkbenchPrimitiveTests {
    @Test("a phone-like text gives its digits; letters or fewer than three digits give none; blank is no search")
    func searchText() {
        #expect(SearchText("  (171) 555-7788 ")?.digits == "1715557788")
        #expect(SearchText("+86 138")?.digits == "86138")
        #expect(SearchText("030")?.digits == "030")
        #expect(SearchText("12")?.digits == nil)
        #expect(SearchText("SO-10248")?.digits == nil)
        #expect(SearchText("Alfreds")?.lowered == "alfreds")
        #expect(SearchText("   ") == nil)
    }

    @Test("change against the period before: decimal, one place, half away from zero; none without a previous figure or from zero")
    func changePercent() {
        func change(_ value: String, _ previous: String?) -> String? {
            WorkbenchFigure(value: value, previous: previous, currency: nil, period: "2026-12", previousPeriod: "2026-11").changePercent
        }
        #expect(change("100.00", "40.00") == "150.0")
        #expect(change("0.00", "100.00") == "-100.0")
        #expect(change("1", "1") == "0.0")
        #expect(change("2", "3") == "-33.3")
        #expect(change("1", "3") == "-66.7")
        #expect(change("1.0005", "8") == "-87.5")  // -87.49375 → -87.5
        #expect(change("7", "8") == "-12.5")
        #expect(change("5", "0") == nil)
        #expect(change("5", nil) == nil)
    }

    @Test("months are calendar months of days: December follows November across a year's end")
    func months() {
        let december = MonthSpan(containing: "2026-12-31")
        #expect((december.label, december.firstDay, december.endDay) == ("2026-12", "2026-12-01", "2027-01-01"))
        #expect(december.previous.label == "2026-11")
        #expect(MonthSpan(containing: "2027-01-15").previous.label == "2026-12")
    }
}
