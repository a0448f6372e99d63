import Foundation
@testable import Leave
import Testing

/// China's annual leave rule and the balance replay (issue 10 point 5).
@Suite("Leave rules")
struct LeaveRuleTests {
    @Test("annual leave by years of work: under 1 year none, 1–9 five days, 10–19 ten, 20 and more fifteen (职工带薪年休假条例 Art. 3)")
    func tiers() {
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2025-06-01", hired: "2025-06-01") == 2)
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2017-01-01", hired: "2020-01-01") == 5)
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2016-01-01", hired: "2020-01-01") == 10)
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2006-01-01", hired: "2020-01-01") == 15)
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2026-02-01", hired: "2026-02-01") == 0)
    }

    @Test("the year of joining is prorated by the remaining calendar days ÷ 365, fractions dropped (实施办法 Art. 5)")
    func prorated() {
        // Joined 1 July with 16 years of work: 184/365 × 10 = 5.04 → 5.
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2010-03-01", hired: "2026-07-01") == 5)
        // First job on 1 Sep 2025: 12 months reached 1 Sep 2026, 122/365 × 5 = 1.67 → 1.
        #expect(AnnualLeaveRule.days(year: 2026, workStart: "2025-09-01", hired: "2025-09-01") == 1)
    }

    @Test("carried-over days are used first and expire on their date; a cancelled take gives its days back")
    func fifo() {
        let book = LeaveBalanceBook([
            .init(kind: "accrual", amount: 1000, date: "2026-01-01", expiresOn: "2026-12-31"),
            .init(kind: "carryOver", amount: 300, date: "2026-01-01", expiresOn: "2026-03-31"),
            .init(kind: "taken", amount: -400, date: "2026-02-10", requestID: UUID()),
        ])
        #expect(book.available(on: "2026-02-11") == 900)
        #expect(book.available(on: "2026-04-01") == 900)
        let request = UUID()
        let undone = LeaveBalanceBook([
            .init(kind: "accrual", amount: 1000, date: "2026-01-01", expiresOn: "2026-12-31"),
            .init(kind: "carryOver", amount: 300, date: "2026-01-01", expiresOn: "2026-03-31"),
            .init(kind: "taken", amount: -200, date: "2026-02-10", requestID: request),
            .init(kind: "restored", amount: 200, date: "2026-02-10", requestID: request),
        ])
        #expect(undone.available(on: "2026-03-01") == 1300)
        #expect(undone.available(on: "2026-04-01") == 1000)
    }
}
