import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Expense claims (报销, issue 10 point 7): drafts, submission with budget and invoice checks,
/// approval through the gate (budgets checked again), payment with the `ClaimPaid` event.
struct ExpenseClaimService: Sendable {
    let context: ServiceContext

    /// A draft of the actor's; `submit` submits it at once, in one transaction: a refused
    /// submission leaves no draft behind.
    /// - Throws: 413 `expenses.receipt_too_large`; 422 field problems; as ``submit(_:version:)``.
    func create(_ input: ExpenseClaimInput) async throws -> ExpenseClaimDTO {
        guard input.submit == true else { return try await detail(try await draft(input)) }
        return try await context.atomically { try await submit(try await draft(input), version: 1) }
    }

    private func draft(_ input: ExpenseClaimInput) async throws -> UUID {
        let actor = context.actor
        guard let employeeID = actor.employeeID, let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: actor.tenantID)
        else { throw DomainError(status: 422, code: "expenses.no_employee") }
        let title = try Self.title(input.title)
        let lines = try await ClaimLines(context: context).read(input.lines ?? [], claimID: nil)
        let audit = context.audit
        let now = context.now()
        let period = String(context.today().prefix(4))
        let id = try await context.write { db in
            let claim = ExpenseClaim()
            claim.id = UUID()
            claim.tenantID = actor.tenantID
            claim.number = try await DocumentNumbering().next(prefix: "EX", period: period, key: "expenses.claim", tenantID: actor.tenantID, on: db)
            claim.employeeID = employeeID
            claim.departmentID = employee.departmentID
            claim.title = title
            claim.currency = actor.tenant.currency.code
            claim.total = lines.map(\.amount).reduce(0, +)
            claim.state = ClaimState.draft.rawValue
            claim.warningsText = ""
            claim.advanceOffset = 0
            claim.createdBy = actor.userID
            claim.createdAt = now
            claim.updatedAt = now
            claim.version = 1
            try await claim.create(on: db)
            try await Self.writeLines(lines, claim: claim, by: actor.userID, at: now, on: db)
            var changes = AuditChanges()
            changes.created([("number", claim.number), ("title", title), ("total", FixedDecimal.format(claim.total, scale: actor.tenant.currency.exponent)),
                             ("lines", lines.count)])
            try await AuditLog.append(entity: ExpensesModule.claimEntity, entityID: claim.id, action: "create", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: actor.tenantID, on: db)
            return claim.id!
        }
        return id
    }

    /// Changes a draft of the actor's; `lines` replace the old ones.
    func update(_ id: UUID, _ input: ExpenseClaimUpdate) async throws -> ExpenseClaimDTO {
        guard let version = input.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let claim = try await own(id)
        guard claim.state == ClaimState.draft.rawValue else { throw DomainError(status: 422, code: "expenses.not_draft") }
        let title = input.title == nil ? claim.title : try Self.title(input.title)
        var lines: [ClaimLines.Line]?
        if let sent = input.lines { lines = try await ClaimLines(context: context).read(sent, claimID: id) }
        let newLines = lines
        let audit = context.audit
        let now = context.now()
        let exponent = context.actor.tenant.currency.exponent
        // Stale is told with the current claim, read before the write (see HolidayCalendarService).
        guard claim.version == version else { throw DomainError.staleVersion("expense_claim", current: try await dtos([claim])[0]) }
        try await context.write { db in
            let lines = newLines
            let total = lines.map { $0.map(\.amount).reduce(0, +) } ?? claim.total
            let updated = try await (db as! any SQLDatabase).update(ExpenseClaim.schema)
                .set("title", to: title).set("total", to: total).set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).where("state", .equal, ClaimState.draft.rawValue).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("expense_claim") }
            var changes = AuditChanges()
            changes.set("title", claim.title, title)
            changes.set("total", FixedDecimal.format(claim.total, scale: exponent), FixedDecimal.format(total, scale: exponent))
            if let lines {
                try await ExpenseLine.query(on: db).filter(\.$claimID == id).delete()
                claim.total = total
                try await Self.writeLines(lines, claim: claim, by: audit.actorID ?? claim.employeeID, at: now, on: db)
                changes.set("lines", nil, lines.count)
            }
            try await AuditLog.append(entity: ExpensesModule.claimEntity, entityID: id, action: "update", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: claim.tenantID, on: db)
        }
        return try await detail(id)
    }

    /// Submits a draft of the actor's for approval: budgets (case E-01) and invoice numbers
    /// (case E-02) are checked with every other claim; a `stop` budget exceeded refuses it.
    /// - Throws: 422 `expenses.over_budget` (`category`, `month`, `budget`, `available`),
    ///   `expenses.not_draft`; 409 stale.
    func submit(_ id: UUID, version: Int?) async throws -> ExpenseClaimDTO {
        guard let version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let claim = try await own(id)
        let audit = context.audit
        let now = context.now()
        let gate = context.application.approvalGate
        let exponent = context.actor.tenant.currency.exponent
        let language = context.language
        let catalog = context.settings.catalog
        try await context.write { db in
            guard let fresh = try await ExpenseClaim.query(on: db).filter(\.$id == id).first(), fresh.version == version else {
                throw DomainError.staleVersion("expense_claim")
            }
            guard fresh.state == ClaimState.draft.rawValue else { throw DomainError(status: 422, code: "expenses.not_draft") }
            let lines = try await ExpenseLine.query(on: db).filter(\.$claimID == id).sort(\.$position).all()
            guard !lines.isEmpty else { throw DomainError.invalid([.init("lines", "expenses.no_lines")]) }
            var warnings: Set<String> = []
            let findings = try await BudgetCheck.evaluate(departmentID: fresh.departmentID, lines: lines.map { ($0.categoryID, $0.date, $0.amount) },
                                                          excluding: id, counting: ClaimState.holdingOnSubmit, tenantID: fresh.tenantID, on: db)
            for finding in findings where finding.over {
                if finding.budget.action == "stop" { throw try await Self.overBudget(finding, exponent: exponent, language: language, on: db) }
                warnings.insert("expenses.budget_exceeded")
                for line in lines where line.categoryID == finding.budget.categoryID && line.date.hasPrefix(finding.budget.month) { line.overBudget = true }
            }
            let duplicates = try await ClaimLines.usedElsewhere(lines.compactMap(\.invoiceNumber), excluding: id, tenantID: fresh.tenantID, on: db)
            for line in lines { line.duplicateInvoice = line.invoiceNumber.map(duplicates.contains) ?? false }
            if !duplicates.isEmpty { warnings.insert("expenses.duplicate_invoice") }
            if lines.contains(where: \.overLimit) { warnings.insert("expenses.over_limit") }
            for line in lines { try await line.save(on: db) }
            let updated = try await (db as! any SQLDatabase).update(ExpenseClaim.schema)
                .set("state", to: ClaimState.pending.rawValue).set("warnings", to: warnings.sorted().joined(separator: ","))
                .set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("expense_claim") }
            var changes = AuditChanges()
            changes.set("state", ClaimState.draft.rawValue, ClaimState.pending.rawValue)
            if !warnings.isEmpty { changes.set("warnings", nil, warnings.sorted().joined(separator: ", ")) }
            try await AuditLog.append(entity: ExpensesModule.claimEntity, entityID: id, action: "submit", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: fresh.tenantID, on: db)
            let total = FixedDecimal.format(fresh.total, scale: exponent)
            let request = ApprovalRequest(
                tenantID: fresh.tenantID, subject: ClaimApproval.subject, documentID: id, title: "\(fresh.number) · \(total) \(fresh.currency)",
                requesterID: audit.actorID ?? claim.employeeID,
                facts: ["amount": .money(fresh.total, exponent: exponent)].merging(fresh.departmentID.map { ["department": ApprovalFact.department($0)] } ?? [:]) { a, _ in a },
                summary: [ApprovalSummaryLine(labelCode: "expenses.summary.number", value: .text(fresh.number)),
                          ApprovalSummaryLine(labelCode: "expenses.summary.total", value: .money(fresh.total, exponent: exponent), currency: fresh.currency)]
                    + (warnings.isEmpty ? [] : [ApprovalSummaryLine(labelCode: "expenses.summary.warnings",
                                                                    value: .text(warnings.sorted().map { catalog.message($0, language) }.joined(separator: "; ")))]))
            if try await gate.requestApproval(request, context: audit, on: db) == nil {
                try await ClaimApproval().approved(documentID: id, context: audit, on: db)
            }
        }
        return try await detail(id)
    }

    /// Records the payment of an approved claim and publishes ``ClaimPaid``. Open advances of
    /// the claimant may be set against it in the same transaction (``AdvanceLedger``): those
    /// named in `offsets`, or with `offsetAll` the balances oldest first; never more than an
    /// advance's balance nor, together, the claim's total. What is left is paid to the employee.
    /// - Throws: 422 `expenses.not_approved`, offset problems (``AdvanceLedger/plan(offsets:all:total:employeeID:tenantID:exponent:on:)``),
    ///   nothing changed; 409 stale.
    func pay(_ id: UUID, version: Int?, paidOn: String?, offsets: [ExpenseOffsetInput]? = nil, offsetAll: Bool = false) async throws -> ExpenseClaimDTO {
        try context.require(ExpensesModule.claimPay)
        guard let version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let day = paidOn ?? context.today()
        guard CalendarDay.isPlausibleBusinessDay(day) else { throw DomainError.invalid([.init("paidOn", "expenses.bad_date")]) }
        _ = try await visible(id)
        let audit = context.audit
        let now = context.now()
        let events = context.application.domainEvents
        let exponent = context.actor.tenant.currency.exponent
        try await context.write { db in
            guard let claim = try await ExpenseClaim.query(on: db).filter(\.$id == id).first(), claim.version == version else {
                throw DomainError.staleVersion("expense_claim")
            }
            guard claim.state == ClaimState.approved.rawValue else { throw DomainError(status: 422, code: "expenses.not_approved") }
            let takes = try await AdvanceLedger.plan(offsets: offsets, all: offsetAll, total: claim.total, employeeID: claim.employeeID,
                                                     tenantID: claim.tenantID, exponent: exponent, on: db)
            let offset = takes.map(\.amount).reduce(0, +)
            let updated = try await (db as! any SQLDatabase).update(ExpenseClaim.schema)
                .set("state", to: ClaimState.paid.rawValue).set("paid_on", to: day).set("paid_by", to: audit.actorID).set("advance_offset", to: offset)
                .set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("expense_claim") }
            var changes = AuditChanges()
            changes.set("state", ClaimState.approved.rawValue, ClaimState.paid.rawValue)
            changes.set("paid_on", nil, day)
            if offset > 0 {
                changes.set("advance_offset", nil, FixedDecimal.format(offset, scale: exponent))
                changes.set("net_paid", nil, FixedDecimal.format(claim.total - offset, scale: exponent))
            }
            try await AuditLog.append(entity: ExpensesModule.claimEntity, entityID: id, action: "pay", changes: changes, context: audit, on: db, now: now)
            for take in takes {
                try await AdvanceLedger.take(take.amount, from: take.advance, kind: "offset", claim: claim, on: day, exponent: exponent, context: audit, now: now, on: db)
            }
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: claim.tenantID, on: db)
            var byCategory: [UUID: Int64] = [:]
            for line in try await ExpenseLine.query(on: db).filter(\.$claimID == id).all() { byCategory[line.categoryID, default: 0] += line.amount }
            try await events.publish(ClaimPaid(tenantID: claim.tenantID, claimID: id, number: claim.number, employeeID: claim.employeeID,
                                               departmentID: claim.departmentID, total: claim.total, currency: claim.currency, byCategory: byCategory,
                                               paidOn: day, paidBy: audit.actorID, advanceOffset: offset, netPaid: claim.total - offset,
                                               offsets: Dictionary(takes.map { ($0.advance.id!, $0.amount) }, uniquingKeysWith: +)), context: audit, on: db)
        }
        return try await detail(id)
    }

    func detail(_ id: UUID) async throws -> ExpenseClaimDTO { try await dtos([try await visible(id)])[0] }

    /// Approved claims waiting to be paid, within the actor's scope, oldest first.
    func approved() async throws -> [ExpenseClaimDTO] {
        try context.require(ExpensesModule.claimPay)
        let rows = try await ExpenseClaim.query(on: context.database).filter(\.$tenantID == context.tenantID)
            .filter(\.$state == ClaimState.approved.rawValue).sort(\.$createdAt).sort(\.$id).limit(200).all()
        let scope = try await context.recordScope(ExpensesModule.claimResource)
        return try await dtos(rows.filter { scope.contains(department: $0.departmentID, employee: $0.employeeID, createdBy: nil) })
    }

    /// Claims of an employee (nil: the actor), newest first.
    func list(employeeID: UUID?) async throws -> [ExpenseClaimDTO] {
        let actor = context.actor
        guard let wanted = employeeID ?? actor.employeeID else { throw DomainError(status: 422, code: "expenses.no_employee") }
        let rows = try await ExpenseClaim.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == wanted)
            .sort(\.$createdAt, .descending).sort(\.$id).limit(200).all()
        guard wanted == actor.employeeID || actor.holds(ExpensesModule.claimRead) else { throw DomainError.notFound("employee") }
        let scope = wanted == actor.employeeID ? nil : try await context.recordScope(ExpensesModule.claimResource)
        return try await dtos(rows.filter { scope?.contains(department: $0.departmentID, employee: $0.employeeID, createdBy: nil) ?? true })
    }

    // MARK: - Shared

    static func title(_ raw: String?) throws -> String? {
        switch TextInput.name(raw, max: 120, required: false) {
        case .success(let title): return title
        case .failure(let problem): throw DomainError.invalid([problem.field("title")])
        }
    }

    static func writeLines(_ lines: [ClaimLines.Line], claim: ExpenseClaim, by userID: UUID, at now: Date, on db: any Database) async throws {
        for (position, l) in lines.enumerated() {
            let row = ExpenseLine()
            row.id = UUID()
            row.tenantID = claim.tenantID
            row.claimID = claim.id!
            row.position = position
            row.date = l.date
            row.itemID = l.itemID
            row.categoryID = l.categoryID
            row.amount = l.amount
            row.currency = l.currency
            row.lineDescription = l.description
            row.invoiceNumber = l.invoiceNumber
            row.invoiceType = l.invoiceType
            row.cityTier = l.cityTier
            row.days = l.days
            row.customerID = l.customerID
            row.projectID = l.projectID
            row.receiptsText = l.receipts.map(\.uuidString).joined(separator: ",")
            row.duplicateInvoice = false
            row.overLimit = l.overLimit
            row.overBudget = false
            row.originalAmount = l.originalAmount
            row.exchangeRate = l.exchangeRate
            row.tripID = l.tripID
            try await row.create(on: db)
        }
        let receipts = Array(Set(lines.flatMap(\.receipts)))
        try await FileLink.link(receipts, to: ExpensesModule.claimEntity, record: claim.id!, tenantID: claim.tenantID, by: userID, at: now, on: db)
    }

    static func overBudget(_ finding: BudgetCheck.Finding, exponent: Int, language: AppLanguage, on db: any Database) async throws -> DomainError {
        let category = try await ExpenseCategory.find(finding.budget.categoryID, on: db)?.name ?? ""
        return DomainError(status: 422, code: "expenses.over_budget", params: [
            "category": category, "month": finding.budget.month, "budget": FixedDecimal.format(finding.budget.amount, scale: exponent),
            "available": FixedDecimal.format(max(0, finding.budget.amount - finding.used), scale: exponent),
            "amount": FixedDecimal.format(finding.adding, scale: exponent)])
    }

    /// A claim of the actor's own (others' are 404 here: only the claimant edits and submits).
    func own(_ id: UUID) async throws -> ExpenseClaim {
        guard let claim = try await ExpenseClaim.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              claim.employeeID == context.actor.employeeID else { throw DomainError.notFound("expense_claim") }
        return claim
    }

    func visible(_ id: UUID) async throws -> ExpenseClaim {
        let actor = context.actor
        guard let claim = try await ExpenseClaim.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("expense_claim")
        }
        if claim.employeeID == actor.employeeID { return claim }
        guard actor.holds(ExpensesModule.claimRead),
              try await context.recordScope(ExpensesModule.claimResource).contains(department: claim.departmentID, employee: claim.employeeID, createdBy: nil)
        else { throw DomainError.notFound("expense_claim") }
        return claim
    }

    func dtos(_ claims: [ExpenseClaim]) async throws -> [ExpenseClaimDTO] {
        guard !claims.isEmpty else { return [] }
        let db = context.database
        let ids = claims.compactMap(\.id)
        let lines = Dictionary(grouping: try await ExpenseLine.query(on: db).filter(\.$claimID ~~ ids).sort(\.$position).all(), by: \.claimID)
        let categories = Dictionary(uniqueKeysWithValues: try await ExpenseCategory.query(on: db).filter(\.$tenantID == context.tenantID).all().map { ($0.id!, $0.name) })
        let items = Dictionary(uniqueKeysWithValues: try await ExpenseItem.query(on: db).filter(\.$tenantID == context.tenantID).all().map { ($0.id!, $0.name) })
        let names = try await EmployeeDirectory(db: db).names(Set(claims.map(\.employeeID)), tenantID: context.tenantID)
        let exponent = context.actor.tenant.currency.exponent
        let gate = context.application.approvalGate
        let offsets = try await ExpenseAdvanceService.movements(advanceIDs: [], claimIDs: ids, exponent: exponent, on: db)
        var answer: [ExpenseClaimDTO] = []
        let projectIDs = Array(Set(lines.values.flatMap { $0 }.compactMap(\.projectID)))
        let projectNames = projectIDs.isEmpty ? [:] : try await context.application.projectDirectory?.names(projectIDs, tenantID: context.tenantID, on: db) ?? [:]
        for c in claims {
            let approval = try await gate.status(subject: ClaimApproval.subject, documentID: c.id!, tenantID: context.tenantID, on: db)
            answer.append(ExpenseClaimDTO(
                id: c.id!, number: c.number, employeeID: c.employeeID, employeeName: names[c.employeeID] ?? "", departmentID: c.departmentID, title: c.title,
                currency: c.currency, total: FixedDecimal.format(c.total, scale: exponent), state: c.state,
                lines: (lines[c.id!] ?? []).map { l in
                    let own = l.originalAmount.map { FixedDecimal.format($0, scale: Currency(code: l.currency)?.exponent ?? exponent) }
                    return ExpenseLineDTO(id: l.id!, date: l.date, itemID: l.itemID, itemName: l.itemID.flatMap { items[$0] }, categoryID: l.categoryID,
                                   categoryName: categories[l.categoryID] ?? "", amount: own ?? FixedDecimal.format(l.amount, scale: exponent), currency: l.currency,
                                   description: l.lineDescription, invoiceNumber: l.invoiceNumber, invoiceType: l.invoiceType, cityTier: l.cityTier, days: l.days,
                                   customerID: l.customerID, receipts: l.receipts, duplicateInvoice: l.duplicateInvoice, overLimit: l.overLimit,
                                   overBudget: l.overBudget, companyAmount: FixedDecimal.format(l.amount, scale: exponent), exchangeRate: l.exchangeRate,
                                   tripID: l.tripID, projectID: l.projectID, projectName: l.projectID.flatMap { projectNames[$0] })
                },
                warnings: c.warnings, approvalID: approval?.id, paidOn: c.paidOn, paidBy: c.paidBy, version: c.version,
                offset: FixedDecimal.format(c.advanceOffset, scale: exponent),
                netPaid: c.state == ClaimState.paid.rawValue ? FixedDecimal.format(c.total - c.advanceOffset, scale: exponent) : nil,
                offsets: offsets.filter { $0.claimID == c.id }))
        }
        return answer
    }
}
