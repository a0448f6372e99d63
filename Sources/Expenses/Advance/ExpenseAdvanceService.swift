import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Advances (借款/备用金, issue 10 point 7): an employee asks for money ahead of spending it; the
/// request goes through the approval gate (``AdvanceApproval``); finance records it paid; its
/// balance is then set against the employee's claims when they are paid
/// (``ExpenseClaimService/pay(_:version:paidOn:offsets:offsetAll:)``) or given back
/// (``giveBack(_:version:amount:on:)``). Data scope: the claims' (`expenses.claim`: the employee
/// their own, a manager their department tree, finance all).
struct ExpenseAdvanceService: Sendable {
    let context: ServiceContext

    /// Asks for an advance for the actor and submits it for approval at once.
    /// - Throws: 422 `expenses.no_employee`; field problems (`amount` `expenses.bad_amount`,
    ///   `purpose` required, `expectedClaimDate` `expenses.bad_date`).
    func request(_ input: ExpenseAdvanceInput) async throws -> ExpenseAdvanceDTO {
        let actor = context.actor
        guard let employeeID = actor.employeeID, let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: actor.tenantID)
        else { throw DomainError(status: 422, code: "expenses.no_employee") }
        let currency = actor.tenant.currency
        var problems: [DomainError.Field] = []
        var asked: Int64 = 0
        if let raw = input.amount {
            if let parsed = try? FixedDecimal.parse(raw.text, scale: currency.exponent), parsed > 0, parsed <= 1_000_000_000_000 { asked = parsed } else {
                problems.append(.init("amount", "expenses.bad_amount", params: ["decimals": String(currency.exponent)]))
            }
        } else { problems.append(.init("amount", "field.required")) }
        var reason = ""
        switch TextInput.name(input.purpose, max: 200) {
        case .success(let text?): reason = text
        case .success(nil): problems.append(.init("purpose", "field.required"))
        case .failure(let problem): problems.append(problem.field("purpose"))
        }
        if let day = input.expectedClaimDate, !CalendarDay.isPlausibleBusinessDay(day) { problems.append(.init("expectedClaimDate", "expenses.bad_date")) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let (amount, purpose) = (asked, reason)
        let audit = context.audit
        let now = context.now()
        let period = String(context.today().prefix(4))
        let gate = context.application.approvalGate
        let id = try await context.write { db in
            let advance = ExpenseAdvance()
            advance.id = UUID()
            advance.tenantID = actor.tenantID
            advance.number = try await DocumentNumbering().next(prefix: "AD", period: period, key: "expenses.advance", tenantID: actor.tenantID, on: db)
            advance.employeeID = employeeID
            advance.departmentID = employee.departmentID
            advance.purpose = purpose
            advance.expectedClaimDate = input.expectedClaimDate
            advance.currency = currency.code
            advance.amount = amount
            advance.offsetTotal = 0
            advance.returnedTotal = 0
            advance.state = AdvanceState.pending.rawValue
            advance.createdBy = actor.userID
            advance.createdAt = now
            advance.updatedAt = now
            advance.version = 1
            try await advance.create(on: db)
            var changes = AuditChanges()
            changes.created([("number", advance.number), ("amount", FixedDecimal.format(amount, scale: currency.exponent)), ("purpose", purpose)])
            try await AuditLog.append(entity: ExpensesModule.advanceEntity, entityID: advance.id, action: "create", changes: changes, context: audit,
                                      on: db, now: now)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: actor.tenantID, on: db)
            let request = ApprovalRequest(
                tenantID: actor.tenantID, subject: AdvanceApproval.subject, documentID: advance.id!,
                title: "\(advance.number) · \(FixedDecimal.format(amount, scale: currency.exponent)) \(currency.code)", requesterID: actor.userID,
                facts: ["amount": .money(amount, exponent: currency.exponent)].merging(employee.departmentID.map { ["department": ApprovalFact.department($0)] } ?? [:]) { a, _ in a },
                summary: [ApprovalSummaryLine(labelCode: "expenses.summary.number", value: .text(advance.number)),
                          ApprovalSummaryLine(labelCode: "expenses.summary.amount", value: .money(amount, exponent: currency.exponent), currency: currency.code),
                          ApprovalSummaryLine(labelCode: "expenses.summary.purpose", value: .text(purpose))])
            if try await gate.requestApproval(request, context: audit, on: db) == nil {
                try await AdvanceApproval().approved(documentID: advance.id!, context: audit, on: db)
            }
            return advance.id!
        }
        return try await detail(id)
    }

    /// Records an approved advance paid (finance): its whole amount becomes the open balance.
    /// - Throws: 403 without `expenses.claim.pay`; 422 `expenses.advance_not_approved`; 409 stale.
    func pay(_ id: UUID, version: Int?, paidOn: String?) async throws -> ExpenseAdvanceDTO {
        try context.require(ExpensesModule.claimPay)
        guard let version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let day = paidOn ?? context.today()
        guard CalendarDay.isPlausibleBusinessDay(day) else { throw DomainError.invalid([.init("paidOn", "expenses.bad_date")]) }
        _ = try await visible(id)
        let audit = context.audit
        let now = context.now()
        try await context.write { db in
            guard let advance = try await ExpenseAdvance.query(on: db).filter(\.$id == id).first(), advance.version == version else {
                throw DomainError.staleVersion("expense_advance")
            }
            guard advance.state == AdvanceState.approved.rawValue else { throw DomainError(status: 422, code: "expenses.advance_not_approved") }
            let updated = try await (db as! any SQLDatabase).update(ExpenseAdvance.schema)
                .set("state", to: AdvanceState.paid.rawValue).set("paid_on", to: day).set("paid_by", to: audit.actorID)
                .set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("expense_advance") }
            var changes = AuditChanges()
            changes.set("state", AdvanceState.approved.rawValue, AdvanceState.paid.rawValue)
            changes.set("paid_on", nil, day)
            try await AuditLog.append(entity: ExpensesModule.advanceEntity, entityID: id, action: "pay", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: advance.tenantID, on: db)
        }
        return try await detail(id)
    }

    /// Records unused advance money given back by the employee (finance).
    /// - Throws: 403 without `expenses.claim.pay`; 422 `expenses.advance_not_open`,
    ///   `expenses.offset_over_balance`, `amount` problems; 409 stale.
    func giveBack(_ id: UUID, version: Int?, amount raw: DecimalText?, on date: String?) async throws -> ExpenseAdvanceDTO {
        try context.require(ExpensesModule.claimPay)
        // Another company's or out-of-scope advance is 404 whatever the body says.
        _ = try await visible(id)
        guard let version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let exponent = context.actor.tenant.currency.exponent
        guard let raw else { throw DomainError.invalid([.init("amount", "field.required")]) }
        guard let amount = try? FixedDecimal.parse(raw.text, scale: exponent), amount > 0 else {
            throw DomainError.invalid([.init("amount", "expenses.bad_amount", params: ["decimals": String(exponent)])])
        }
        let day = date ?? context.today()
        guard CalendarDay.isPlausibleBusinessDay(day) else { throw DomainError.invalid([.init("paidOn", "expenses.bad_date")]) }
        let audit = context.audit
        let now = context.now()
        try await context.write { db in
            guard let advance = try await ExpenseAdvance.query(on: db).filter(\.$id == id).first(), advance.version == version else {
                throw DomainError.staleVersion("expense_advance")
            }
            guard advance.state == AdvanceState.paid.rawValue else { throw DomainError(status: 422, code: "expenses.advance_not_open") }
            guard amount <= advance.balance else {
                throw DomainError.invalid([.init("amount", "expenses.offset_over_balance", params: [
                    "advance": advance.number, "balance": FixedDecimal.format(advance.balance, scale: exponent)])])
            }
            try await AdvanceLedger.take(amount, from: advance, kind: "return", claim: nil, on: day, exponent: exponent, context: audit, now: now, on: db)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: advance.tenantID, on: db)
        }
        return try await detail(id)
    }

    func detail(_ id: UUID) async throws -> ExpenseAdvanceDTO { try await dtos([try await visible(id)])[0] }

    /// Advances of an employee (nil: the actor), newest first.
    func list(employeeID: UUID?) async throws -> [ExpenseAdvanceDTO] {
        let actor = context.actor
        guard let wanted = employeeID ?? actor.employeeID else { throw DomainError(status: 422, code: "expenses.no_employee") }
        guard wanted == actor.employeeID || actor.holds(ExpensesModule.claimRead) || actor.holds(ExpensesModule.claimPay) else {
            throw DomainError.notFound("employee")
        }
        let rows = try await ExpenseAdvance.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == wanted)
            .sort(\.$createdAt, .descending).sort(\.$id).limit(200).all()
        let scope = wanted == actor.employeeID ? nil : try await context.recordScope(ExpensesModule.claimResource)
        return try await dtos(rows.filter { scope?.contains(department: $0.departmentID, employee: $0.employeeID, createdBy: nil) ?? true })
    }

    /// Approved advances waiting to be paid, within the actor's scope, oldest first.
    func approved() async throws -> [ExpenseAdvanceDTO] {
        try context.require(ExpensesModule.claimPay)
        let rows = try await ExpenseAdvance.query(on: context.database).filter(\.$tenantID == context.tenantID)
            .filter(\.$state == AdvanceState.approved.rawValue).sort(\.$createdAt).sort(\.$id).limit(200).all()
        let scope = try await context.recordScope(ExpensesModule.claimResource)
        return try await dtos(rows.filter { scope.contains(department: $0.departmentID, employee: $0.employeeID, createdBy: nil) })
    }

    /// The actor's own advance, or one in their scope with `expenses.claim.read` or `.pay`.
    func visible(_ id: UUID) async throws -> ExpenseAdvance {
        let actor = context.actor
        guard let advance = try await ExpenseAdvance.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("expense_advance")
        }
        if advance.employeeID == actor.employeeID { return advance }
        guard actor.holds(ExpensesModule.claimRead) || actor.holds(ExpensesModule.claimPay),
              try await context.recordScope(ExpensesModule.claimResource).contains(department: advance.departmentID, employee: advance.employeeID, createdBy: nil)
        else { throw DomainError.notFound("expense_advance") }
        return advance
    }

    func dtos(_ advances: [ExpenseAdvance]) async throws -> [ExpenseAdvanceDTO] {
        guard !advances.isEmpty else { return [] }
        let db = context.database
        let exponent = context.actor.tenant.currency.exponent
        let movements = try await Self.movements(advanceIDs: advances.compactMap(\.id), claimIDs: [], exponent: exponent, on: db)
        let names = try await EmployeeDirectory(db: db).names(Set(advances.map(\.employeeID)), tenantID: context.tenantID)
        let gate = context.application.approvalGate
        var answer: [ExpenseAdvanceDTO] = []
        for a in advances {
            let approval = try await gate.status(subject: AdvanceApproval.subject, documentID: a.id!, tenantID: context.tenantID, on: db)
            answer.append(ExpenseAdvanceDTO(
                id: a.id!, number: a.number, employeeID: a.employeeID, employeeName: names[a.employeeID] ?? "", departmentID: a.departmentID, purpose: a.purpose,
                expectedClaimDate: a.expectedClaimDate, currency: a.currency, amount: FixedDecimal.format(a.amount, scale: exponent),
                offset: FixedDecimal.format(a.offsetTotal, scale: exponent), returned: FixedDecimal.format(a.returnedTotal, scale: exponent),
                balance: FixedDecimal.format(a.state == AdvanceState.paid.rawValue || a.state == AdvanceState.settled.rawValue ? a.balance : 0, scale: exponent),
                state: a.state, approvalID: approval?.id, paidOn: a.paidOn, paidBy: a.paidBy,
                movements: movements.filter { $0.advanceID == a.id }, version: a.version))
        }
        return answer
    }

    /// The movements of the given advances or claims, oldest first, as DTOs.
    static func movements(advanceIDs: [UUID], claimIDs: [UUID], exponent: Int, on db: any Database) async throws -> [ExpenseAdvanceMovementDTO] {
        var query = AdvanceMovement.query(on: db)
        if !advanceIDs.isEmpty { query = query.filter(\.$advanceID ~~ advanceIDs) } else { query = query.filter(\.$claimID ~~ claimIDs) }
        let rows = try await query.sort(\.$createdAt).sort(\.$id).all()
        guard !rows.isEmpty else { return [] }
        let advances = Dictionary(uniqueKeysWithValues: try await ExpenseAdvance.query(on: db).filter(\.$id ~~ Array(Set(rows.map(\.advanceID)))).all()
            .map { ($0.id!, $0.number) })
        let claimRefs = Array(Set(rows.compactMap(\.claimID)))
        let claims = claimRefs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ExpenseClaim.query(on: db).filter(\.$id ~~ claimRefs).all()
            .map { ($0.id!, $0.number) })
        return rows.map { m in
            ExpenseAdvanceMovementDTO(id: m.id!, kind: m.kind, advanceID: m.advanceID, advanceNumber: advances[m.advanceID] ?? "", claimID: m.claimID,
                                      claimNumber: m.claimID.flatMap { claims[$0] }, amount: FixedDecimal.format(m.amount, scale: exponent), date: m.date)
        }
    }
}
