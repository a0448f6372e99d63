import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import SQLKit

/// A contract's transitions (Tryton-style, one method per action): submit for approval,
/// withdraw, cancel, terminate, renew, and recording money received.
struct ContractLifecycle: Sendable {
    let context: ServiceContext

    /// draft → pending, through the approval gate; → active at once when the company's flow
    /// approves at submission (or has no approvers).
    /// - Throws: 409 `crm.contract.not_draft`, stale; 422 `crm.contract.plan_total` when a plan
    ///   does not add up to the amount, `crm.contract.amount_positive` for a zero amount.
    func submit(_ id: UUID, _ input: ContractActionInput) async throws -> ContractDTO {
        try context.require(CRMModule.contractWrite)
        let contract = try await ContractRead(context: context).visible(id)
        guard contract.state == "draft" else { throw DomainError(status: 409, code: "crm.contract.not_draft", params: ["state": contract.state]) }
        guard contract.version == input.version else { throw DomainError.staleVersion("contract") }
        guard contract.amount > 0 else { throw DomainError.invalid([.init("amount", "crm.contract.amount_positive")]) }
        let plan = try await ContractInstalment.query(on: context.database).filter(\.$contractID == id).all()
        let currency = Currency(code: contract.currency) ?? context.actor.tenant.currency
        if !plan.isEmpty, plan.reduce(0, { $0 + $1.amount }) != contract.amount {
            throw DomainError.invalid([.init("instalments", "crm.contract.plan_total", params: [
                "planned": FixedDecimal.format(plan.reduce(0) { $0 + $1.amount }, scale: currency.exponent),
                "amount": FixedDecimal.format(contract.amount, scale: currency.exponent)])])
        }
        let customer = try await PartnerDirectory(db: context.database).references([contract.customerID], tenantID: context.tenantID)[contract.customerID]
        let amountText = FixedDecimal.format(contract.amount, scale: currency.exponent)
        var facts: [String: ApprovalFact] = ["amount": .money(contract.amount, exponent: currency.exponent), "ends_on": .date(contract.endsOn)]
        if let department = contract.departmentID { facts["department"] = .department(department) }
        let request = ApprovalRequest(
            tenantID: context.tenantID, subject: ContractApproval.subject, documentID: id,
            title: "\(contract.number) · \(customer?.name ?? "") · \(amountText) \(currency.code)", requesterID: context.actor.userID, facts: facts,
            summary: [ApprovalSummaryLine(labelCode: "crm.contract.summary.number", value: .text("\(contract.number) \(contract.title)")),
                      ApprovalSummaryLine(labelCode: "crm.contract.summary.customer", value: .text(customer?.name ?? "")),
                      ApprovalSummaryLine(labelCode: "crm.contract.summary.amount", value: .money(contract.amount, exponent: currency.exponent),
                                          currency: currency.code)])
        let gate = context.application.approvalGate
        let now = context.now()
        let context = self.context
        try await context.write { db in
            try await Self.update(id, version: input.version, from: ["draft"], set: ["state": "pending"], on: db, tenantID: context.tenantID, now: now)
            var changes = AuditChanges()
            changes.set("state", "draft", "pending")
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "submit", changes: changes, context: context.audit, on: db, now: now)
            if try await gate.requestApproval(request, context: context.audit, on: db) == nil {
                try await ContractApproval.move(id, from: "pending", to: "active", action: "approve", context: context.audit, on: db)
            }
        }
        return try await ContractRead(context: context).detail(id)
    }

    /// pending → draft: the open approval is voided (history kept).
    func withdraw(_ id: UUID, _ input: ContractActionInput) async throws -> ContractDTO {
        try context.require(CRMModule.contractWrite)
        let contract = try await ContractRead(context: context).visible(id)
        guard contract.state == "pending" else { throw DomainError(status: 409, code: "crm.contract.not_pending", params: ["state": contract.state]) }
        let gate = context.application.approvalGate
        let now = context.now()
        let context = self.context
        try await context.write { db in
            try await Self.update(id, version: input.version, from: ["pending"], set: ["state": "draft"], on: db, tenantID: context.tenantID, now: now)
            _ = try await gate.documentCancelled(subject: ContractApproval.subject, documentID: id, reason: "crm.contract.approval_withdrawn",
                                                 context: context.audit, on: db)
            var changes = AuditChanges()
            changes.set("state", "pending", "draft")
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "withdraw", changes: changes, context: context.audit, on: db, now: now)
        }
        return try await ContractRead(context: context).detail(id)
    }

    /// draft → cancelled.
    func cancel(_ id: UUID, _ input: ContractActionInput) async throws -> ContractDTO {
        try await simple(id, input, from: ["draft"], to: "cancelled", action: "cancel", code: "crm.contract.not_draft")
    }

    /// active or expired → terminated, with a reason.
    func terminate(_ id: UUID, _ input: ContractActionInput) async throws -> ContractDTO {
        var problems: [DomainError.Field] = []
        let reason = CRMText.line(input.reason, max: 500, path: "reason", required: true, problems: &problems)
        guard problems.isEmpty, let reason else { throw DomainError.invalid(problems) }
        return try await simple(id, input, from: ["active", "expired"], to: "terminated", action: "terminate", code: "crm.contract.not_active",
                                reason: reason)
    }

    private func simple(_ id: UUID, _ input: ContractActionInput, from: [String], to: String, action: String, code: String,
                        reason: String? = nil) async throws -> ContractDTO {
        try context.require(CRMModule.contractWrite)
        let contract = try await ContractRead(context: context).visible(id)
        guard from.contains(contract.state) else { throw DomainError(status: 409, code: code, params: ["state": contract.state]) }
        let now = context.now()
        let context = self.context
        try await context.write { db in
            var set: [String: String] = ["state": to]
            if let reason { set["termination_reason"] = reason }
            try await Self.update(id, version: input.version, from: from, set: set, on: db, tenantID: context.tenantID, now: now)
            var changes = AuditChanges()
            changes.set("state", contract.state, to)
            if let reason { changes.set("termination_reason", nil, reason) }
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: action, changes: changes, context: context.audit, on: db, now: now)
        }
        return try await ContractRead(context: context).detail(id)
    }

    /// A new draft continuing an active or expired contract: same customer, signatories,
    /// amount, terms and reminder; it starts the day after this one ends and lasts as long.
    /// - Throws: 409 `crm.contract.not_active`, `crm.contract.already_renewed`.
    func renew(_ id: UUID) async throws -> ContractDTO {
        try context.require(CRMModule.contractWrite)
        let old = try await ContractRead(context: context).visible(id)
        let (owner, department) = try CRMActor.employee(context)
        guard ["active", "expired"].contains(old.state) else { throw DomainError(status: 409, code: "crm.contract.not_active", params: ["state": old.state]) }
        guard old.renewedByID == nil else { throw DomainError(status: 409, code: "crm.contract.already_renewed") }
        guard let start = CalendarDay.adding(1, to: old.endsOn), let end = Self.renewalEnd(oldStart: old.startsOn, oldEnd: old.endsOn, newStart: start) else {
            throw DomainError.invalid([.init("endsOn", "request.invalid_date")])
        }
        let customerName = try await PartnerDirectory(db: context.database).references([old.customerID], tenantID: context.tenantID)[old.customerID]?.name ?? ""
        let contract = Contract()
        contract.id = UUID()
        contract.tenantID = context.tenantID
        contract.title = old.title
        contract.customerID = old.customerID
        contract.customerSignatoryID = old.customerSignatoryID
        contract.ourSignatoryID = old.ourSignatoryID
        contract.amount = old.amount
        contract.currency = old.currency
        contract.received = 0
        contract.startsOn = start
        contract.endsOn = end
        contract.terms = old.terms
        contract.remindDays = old.remindDays
        contract.state = "draft"
        contract.renewalOfID = id
        contract.ownerID = owner
        contract.departmentID = department
        contract.createdBy = context.actor.userID
        contract.version = 1
        let year = String(context.today().prefix(4))
        let now = context.now()
        let context = self.context
        let newID = try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Contract.schema).set("renewed_by_id", to: contract.id).set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("renewed_by_id", .is, SQLLiteral.null).returning("id").first() != nil
            else { throw DomainError(status: 409, code: "crm.contract.already_renewed") }
            contract.number = try await DocumentNumbering().next(prefix: "CT", period: year, key: "crm.contract", tenantID: contract.tenantID, on: db)
            contract.searchText = ContractService.searchText(contract, customerName: customerName)
            try await contract.create(on: db)
            let newID = try contract.requireID()
            var changes = AuditChanges()
            changes.created([("number", contract.number), ("renewal_of", old.number), ("starts_on", start), ("ends_on", end)])
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: newID, action: "create", changes: changes, context: context.audit, on: db, now: now)
            var renewed = AuditChanges()
            renewed.set("renewed_by", nil, contract.number)
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "renew", changes: renewed, context: context.audit, on: db, now: now)
            return newID
        }
        return try await ContractRead(context: context).detail(newID)
    }

    /// The end of a renewal starting `newStart`: a term of whole months (2027-01-01…2027-12-31)
    /// renews for as many months (2028-01-01…2028-12-31, leap day or not); any other term for
    /// as many days.
    static func renewalEnd(oldStart: String, oldEnd: String, newStart: String) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        func date(_ day: String) -> Date? {
            let p = day.split(separator: "-").compactMap { Int($0) }
            return p.count == 3 ? calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2])) : nil
        }
        guard let from = date(oldStart), let endPlusOne = CalendarDay.adding(1, to: oldEnd).flatMap(date), let next = date(newStart) else { return nil }
        let months = calendar.dateComponents([.month], from: from, to: endPlusOne).month ?? 0
        if months > 0, calendar.date(byAdding: .month, value: months, to: from) == endPlusOne,
           let after = calendar.date(byAdding: .month, value: months, to: next) {
            return CalendarDay.adding(-1, to: CalendarDay.string(for: after, in: .gmt))
        }
        return CalendarDay.days(from: oldStart, to: oldEnd).flatMap { CalendarDay.adding($0, to: newStart) }
    }

    /// Records money received (回款) on an active, expired or terminated contract.
    /// - Throws: 409 `crm.contract.not_active`; 422 `receivedOn`, `amount`.
    func receive(_ id: UUID, _ input: ContractReceiptInput) async throws -> ContractDTO {
        try context.require(CRMModule.contractReceive)
        let contract = try await ContractRead(context: context).visible(id)
        var problems: [DomainError.Field] = []
        if !CalendarDay.isPlausibleBusinessDay(input.receivedOn) { problems.append(.init("receivedOn", "request.invalid_date")) }
        else if input.receivedOn > context.today() { problems.append(.init("receivedOn", "crm.contract.received_future")) }
        let currency = Currency(code: contract.currency) ?? context.actor.tenant.currency
        var amount: Int64 = 0
        do {
            amount = try FixedDecimal.parse(input.amount.text, scale: currency.exponent)
            if amount <= 0 { problems.append(.init("amount", "crm.contract.amount_positive")) }
            else if amount > 1_000_000_000_000_00 { problems.append(.init("amount", "number.range", params: ["min": "0", "max": "1000000000000"])) }
        } catch { problems.append(error.field("amount")) }
        let note = CRMText.line(input.note, max: 200, path: "note", problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        guard ["active", "expired", "terminated"].contains(contract.state) else {
            throw DomainError(status: 409, code: "crm.contract.not_active", params: ["state": contract.state])
        }
        let now = context.now()
        let received = amount
        let context = self.context
        try await context.write { db in
            let receipt = ContractReceipt()
            receipt.id = UUID()
            receipt.tenantID = contract.tenantID
            receipt.contractID = id
            receipt.receivedOn = input.receivedOn
            receipt.amount = received
            receipt.note = note
            receipt.createdBy = context.actor.userID
            receipt.createdAt = now
            try await receipt.create(on: db)
            // A relative update: two receipts recorded at once both count.
            try await (db as! any SQLDatabase).update(Contract.schema).set("received", to: SQLRaw("received + \(received)"))
                .set("updated_at", to: now).set("version", to: SQLRaw("version + 1")).where("id", .equal, id).run()
            var changes = AuditChanges()
            changes.set("received", nil, FixedDecimal.format(received, scale: currency.exponent))
            changes.set("received_on", nil, input.receivedOn)
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "receive", changes: changes, context: context.audit, on: db, now: now)
        }
        return try await ContractRead(context: context).detail(id)
    }

    /// The conditional update behind every transition: only from `from` at `version`.
    static func update(_ id: UUID, version: Int, from: [String], set: [String: String], on db: any Database, tenantID: UUID, now: Date) async throws {
        var query = (db as! any SQLDatabase).update(Contract.schema)
        for (column, value) in set.sorted(by: { $0.key < $1.key }) { query = query.set(SQLColumn(column), to: SQLBind(value)) }
        guard try await query.set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("tenant_id", .equal, tenantID).where("version", .equal, version).where("state", .in, from)
            .returning("id").first() != nil
        else { throw DomainError.staleVersion("contract") }
    }
}
