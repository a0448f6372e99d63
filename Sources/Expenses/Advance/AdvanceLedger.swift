import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Moves money out of paid advances (issue 10 point 7, "advances offset against claims";
/// ERPNext "Employee Advance" allocated in an Expense Claim, DingTalk 借款核销): set against a
/// claim being paid, or given back by the employee. Every take is one conditional
/// `UPDATE … WHERE balance ≥ amount`, run inside the paying transaction: on PostgreSQL the
/// advance's row stays locked until commit and a second payment waiting on it re-reads the
/// balance; on SQLite writes are one at a time. Either way two payments at once can never take
/// the same money twice, and an advance whose balance reaches 0 is `settled`.
enum AdvanceLedger {
    /// One advance taken from, minor units.
    struct Take: Sendable {
        var advance: ExpenseAdvance
        var amount: Int64
    }

    /// The open advances of `employeeID` (paid, balance above 0), oldest paid first.
    static func open(employeeID: UUID, tenantID: UUID, on db: any Database) async throws -> [ExpenseAdvance] {
        try await ExpenseAdvance.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == employeeID)
            .filter(\.$state == AdvanceState.paid.rawValue).sort(\.$paidOn).sort(\.$number).all().filter { $0.balance > 0 }
    }

    /// What to set against a claim of `total` minor units of `employeeID`: the advances named in
    /// `offsets`, or with `all` the open balances oldest first up to `total`.
    /// - Throws: 422 with field problems: `expenses.offset_and_all`, `expenses.unknown_advance`,
    ///   `expenses.bad_amount`, `expenses.offset_over_balance` (`advance`, `balance`),
    ///   `expenses.offset_over_total` (`offset`, `total`) — nothing is changed.
    static func plan(offsets: [ExpenseOffsetInput]?, all: Bool, total: Int64, employeeID: UUID, tenantID: UUID, exponent: Int,
                     on db: any Database) async throws -> [Take] {
        let open = try await open(employeeID: employeeID, tenantID: tenantID, on: db)
        if all {
            guard offsets?.isEmpty ?? true else { throw DomainError.invalid([.init("offsetAll", "expenses.offset_and_all")]) }
            var left = total
            var takes: [Take] = []
            for advance in open where left > 0 {
                let amount = min(advance.balance, left)
                takes.append(Take(advance: advance, amount: amount))
                left -= amount
            }
            return takes
        }
        guard let offsets, !offsets.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: open.map { ($0.id!, $0) })
        var problems: [DomainError.Field] = []
        var takes: [Take] = []
        var seen: Set<UUID> = []
        for (i, offset) in offsets.enumerated() {
            let path = "offsets[\(i)]"
            guard let id = offset.advanceID, let advance = byID[id], seen.insert(id).inserted else {
                problems.append(.init("\(path).advanceID", offset.advanceID == nil ? "field.required" : "expenses.unknown_advance")); continue
            }
            guard let raw = offset.amount else { problems.append(.init("\(path).amount", "field.required")); continue }
            guard let amount = try? FixedDecimal.parse(raw.text, scale: exponent), amount > 0 else {
                problems.append(.init("\(path).amount", "expenses.bad_amount", params: ["decimals": String(exponent)])); continue
            }
            guard amount <= advance.balance else {
                problems.append(.init("\(path).amount", "expenses.offset_over_balance", params: [
                    "advance": advance.number, "balance": FixedDecimal.format(advance.balance, scale: exponent)])); continue
            }
            takes.append(Take(advance: advance, amount: amount))
        }
        let sum = takes.map(\.amount).reduce(0, +)
        if problems.isEmpty, sum > total {
            problems.append(.init("offsets", "expenses.offset_over_total", params: [
                "offset": FixedDecimal.format(sum, scale: exponent), "total": FixedDecimal.format(total, scale: exponent)]))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return takes
    }

    /// Takes `amount` from the advance (`offset` against `claimID`, or `return`), records the
    /// movement, audits it on the advance and settles the advance when nothing is left.
    /// - Throws: 422 `expenses.offset_over_balance` when the balance no longer covers it (another
    ///   payment took it meanwhile); the caller's transaction then rolls back.
    static func take(_ amount: Int64, from advance: ExpenseAdvance, kind: String, claim: ExpenseClaim?, on day: String, exponent: Int,
                     context: AuditContext, now: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let column = kind == "return" ? "returned_total" : "offset_total"
        let row = try await sql.raw("""
            UPDATE expense_advances SET \(unsafeRaw: column) = \(unsafeRaw: column) + \(bind: amount), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: advance.id!) AND state = \(bind: AdvanceState.paid.rawValue)
            AND amount - offset_total - returned_total >= \(bind: amount)
            RETURNING amount - offset_total - returned_total AS balance
            """).first()
        guard let balance = try row?.decode(column: "balance", as: Int64.self) else {
            let fresh = try await ExpenseAdvance.find(advance.id, on: db)
            throw DomainError.invalid([.init(kind == "return" ? "amount" : "offsets", "expenses.offset_over_balance", params: [
                "advance": advance.number, "balance": FixedDecimal.format(max(0, fresh?.balance ?? 0), scale: exponent)])])
        }
        if balance == 0 {
            try await sql.update(ExpenseAdvance.schema).set("state", to: AdvanceState.settled.rawValue).where("id", .equal, advance.id!).run()
        }
        let movement = AdvanceMovement()
        movement.id = UUID()
        movement.tenantID = advance.tenantID
        movement.advanceID = advance.id!
        movement.kind = kind
        movement.claimID = claim?.id
        movement.amount = amount
        movement.date = day
        movement.recordedBy = context.actorID
        movement.createdAt = now
        try await movement.create(on: db)
        var changes = AuditChanges()
        changes.set(column, nil, FixedDecimal.format(amount, scale: exponent))
        if let claim { changes.set("claim", nil, claim.number) }
        changes.set("balance", FixedDecimal.format(balance + amount, scale: exponent), FixedDecimal.format(balance, scale: exponent))
        if balance == 0 { changes.set("state", AdvanceState.paid.rawValue, AdvanceState.settled.rawValue) }
        try await AuditLog.append(entity: ExpensesModule.advanceEntity, entityID: advance.id, action: kind, changes: changes, context: context, on: db, now: now)
    }
}
