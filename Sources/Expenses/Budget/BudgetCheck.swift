import Fluent
import Foundation
import Platform
import SQLKit

/// Whether a claim fits its department's budgets (issue 10 point 7, case E-01): its lines are
/// summed by category and month (of the line's date) and added to what other claims already
/// hold of the same budgets. Run on submit (other claims being approved count too, since they
/// may be approved first) and again on approval (approved and paid claims only), both inside the
/// writing transaction with the budget rows locked, so that two claims cannot both take the
/// last of a budget.
struct BudgetCheck: Sendable {
    struct Finding: Sendable {
        var budget: ExpenseBudget
        /// Held by other claims.
        var used: Int64
        /// This claim's lines under the budget.
        var adding: Int64
        var over: Bool { used + adding > budget.amount }
    }

    /// The budgets the lines fall under, with what is used of them.
    /// - Parameters:
    ///   - lines: (category, date `YYYY-MM-DD`, amount in minor units).
    ///   - counting: the states of other claims that hold budget.
    ///   - lock: lock the budget rows until the transaction `db` ends (writers; a read passes false).
    static func evaluate(departmentID: UUID?, lines: [(category: UUID, date: String, amount: Int64)], excluding claimID: UUID?, counting: [String],
                         lock: Bool = true, tenantID: UUID, on db: any Database) async throws -> [Finding] {
        guard let departmentID, !lines.isEmpty else { return [] }
        var sums: [String: Int64] = [:]
        for line in lines { sums["\(line.category) \(line.date.prefix(7))", default: 0] += line.amount }
        let categories = Array(Set(lines.map(\.category)))
        let months = Array(Set(lines.map { String($0.date.prefix(7)) }))
        let budgets = try await ExpenseBudget.query(on: db).filter(\.$tenantID == tenantID).filter(\.$departmentID == departmentID)
            .filter(\.$categoryID ~~ categories).filter(\.$month ~~ months).all()
        guard !budgets.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        // Locks the budget rows (PostgreSQL) until commit; SQLite writes one at a time anyway.
        if lock { try await sql.raw("UPDATE expense_budgets SET version = version WHERE id IN (\(binds: budgets.map { $0.id! }))").run() }
        var findings: [Finding] = []
        for budget in budgets {
            let row = try await sql.raw("""
                -- PostgreSQL sums BIGINT into NUMERIC: cast back so it reads as Int64 on both databases.
                SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS used FROM expense_lines l JOIN expense_claims c ON c.id = l.claim_id
                WHERE c.tenant_id = \(bind: tenantID) AND c.department_id = \(bind: departmentID) AND l.category_id = \(bind: budget.categoryID)
                AND l.date >= \(bind: budget.month + "-01") AND l.date <= \(bind: budget.month + "-31") AND c.state IN (\(binds: counting))
                AND c.id <> \(bind: claimID ?? UUID())
                """).first()
            let used = try row?.decode(column: "used", as: Int64.self) ?? 0
            findings.append(Finding(budget: budget, used: used, adding: sums["\(budget.categoryID) \(budget.month)"] ?? 0))
        }
        return findings
    }
}
