import Fluent
import Foundation
import Platform
import SQLKit

/// The expense claims' costs booked to projects (``ProjectCostSource`` of kind `expenses`):
/// lines of approved and paid claims, in the company currency.
struct ExpenseProjectCosts: ProjectCostSource {
    var kind: String { "expenses" }

    func costs(projectIDs: [UUID], tenantID: UUID, on db: any Database) async throws -> [UUID: Int64] {
        guard !projectIDs.isEmpty else { return [:] }
        let ids: [any Encodable & Sendable] = projectIDs
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT l.project_id, CAST(SUM(l.amount) AS BIGINT) AS total
            FROM \(ident: ExpenseLine.schema) l JOIN \(ident: ExpenseClaim.schema) c ON c.id = l.claim_id
            WHERE l.tenant_id = \(bind: tenantID) AND l.project_id IN (\(binds: ids)) AND c.state IN ('approved', 'paid')
            GROUP BY l.project_id
            """).all()
        var result: [UUID: Int64] = [:]
        for row in rows { result[try row.decode(column: "project_id", as: UUID.self)] = try row.decode(column: "total", as: Int64.self) }
        return result
    }
}
