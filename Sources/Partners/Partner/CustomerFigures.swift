import Fluent
import Foundation
import Platform
import SQLKit

/// Counts over customers that other modules' reports need (CRM's reports), as SQL aggregates
/// within the caller's `partners.customer` data scope — never Partners' tables from outside.
public struct CustomerFigures: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    private func scopeCondition() async throws -> SQLQueryString? {
        let scope = try await context.recordScope("partners.customer")
        return scope.condition(table: "partners", department: "department_id", employee: "owner_id", createdBy: nil)
    }

    /// Customers created in `start..<end` (either open), by source (`""` when none was given).
    public func newBySource(start: Date?, end: Date?) async throws -> [String: Int] {
        guard let sql = context.database as? any SQLDatabase else { return [:] }
        var query: SQLQueryString = "SELECT COALESCE(source, '') AS source, COUNT(*) AS n FROM partners WHERE tenant_id = \(bind: context.tenantID) AND is_customer = \(bind: true)"
        if let start { query = query + " AND created_at >= \(bind: start)" }
        if let end { query = query + " AND created_at < \(bind: end)" }
        if let condition = try await scopeCondition() { query = query + " AND " + condition }
        query = query + " GROUP BY COALESCE(source, '')"
        struct Row: Decodable { let source: String; let n: Int }
        let rows = try await sql.raw(query).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.source, $0.n) }) { $0 + $1 }
    }

    /// Customers with an owner (not in the public pool, not archived) and no follow-up or visit
    /// since `since` — never followed up included — counted per owner; the same rule as the
    /// customer list's `notFollowedSince` filter.
    public func notFollowedUp(since: Date) async throws -> [UUID: Int] {
        guard let sql = context.database as? any SQLDatabase else { return [:] }
        var query: SQLQueryString = """
            SELECT owner_id, COUNT(*) AS n FROM partners WHERE tenant_id = \(bind: context.tenantID) AND is_customer = \(bind: true)
            AND archived = \(bind: false) AND pool_since IS NULL AND owner_id IS NOT NULL
            AND (last_activity_at IS NULL OR last_activity_at < \(bind: since))
            """
        if let condition = try await scopeCondition() { query = query + " AND " + condition }
        query = query + " GROUP BY owner_id"
        struct Row: Decodable { let owner_id: UUID; let n: Int }
        return Dictionary(try await sql.raw(query).all(decoding: Row.self).map { ($0.owner_id, $0.n) }) { $0 + $1 }
    }
}
