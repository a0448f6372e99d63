import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Sales
import SQLKit

/// Entering and editing contracts (合同). Only a draft is edited; ``ContractLifecycle`` moves
/// it on.
struct ContractService: Sendable {
    let context: ServiceContext

    static let maximumOrders = 50
    static let maximumInstalments = 60
    static let maximumTerms = 20_000

    /// - Throws: 403 without `crm.contract.write`; 422 fields (`crm.contract.dates`,
    ///   `crm.contract.plan_over_amount`, `crm.contract.order_other_customer`,
    ///   `crm.contract.signatory_other_customer`, …); 404 customer or opportunity out of scope;
    ///   409 `conflict.id_taken`.
    func create(_ input: ContractInput) async throws -> ContractDTO {
        try context.require(CRMModule.contractWrite)
        let (owner, department) = try CRMActor.employee(context)
        var problems: [DomainError.Field] = []
        if input.customerId == nil { problems.append(.init("customerId", "field.required")) }
        if input.title == nil { problems.append(.init("title", "field.required")) }
        if input.amount == nil { problems.append(.init("amount", "field.required")) }
        if input.startsOn == nil { problems.append(.init("startsOn", "field.required")) }
        if input.endsOn == nil { problems.append(.init("endsOn", "field.required")) }
        var checked = try await Self.checked(input, problems: &problems, context: context)
        guard problems.isEmpty, let customerID = input.customerId else { throw DomainError.invalid(problems) }
        let customer = try await CustomerAccess(context: context).visibleCustomer(customerID)
        try await Self.checkLinks(input, customerID: customerID, checked: &checked, context: context)
        let contract = Contract()
        contract.id = input.id ?? UUID()
        contract.tenantID = context.tenantID
        contract.number = ""
        contract.customerID = customerID
        contract.currency = context.actor.tenant.currency.code
        contract.received = 0
        contract.remindDays = 30
        contract.state = "draft"
        contract.ownerID = owner
        contract.departmentID = department
        contract.createdBy = context.actor.userID
        contract.version = 1
        checked.apply(to: contract)
        contract.searchText = ""
        let year = String(context.today().prefix(4))
        let context = self.context
        let now = context.now()
        let final = checked
        let id = try await context.write { db in
            if input.id != nil, try await Contract.find(contract.id, on: db) != nil { throw DomainError.idTaken("contract") }
            contract.number = try await DocumentNumbering().next(prefix: "CT", period: year, key: "crm.contract", tenantID: contract.tenantID, on: db)
            contract.searchText = Self.searchText(contract, customerName: customer.name)
            try await contract.create(on: db)
            let id = try contract.requireID()
            try await Self.replaceLinks(final, of: contract, on: db)
            var changes = AuditChanges()
            changes.created([("number", contract.number), ("title", contract.title), ("customer_id", customerID.uuidString),
                             ("amount", FixedDecimal.format(contract.amount, scale: context.actor.tenant.currency.exponent)),
                             ("starts_on", contract.startsOn), ("ends_on", contract.endsOn), ("signed_on", contract.signedOn),
                             ("orders", final.orderIDs.map { String($0.count) }), ("instalments", final.instalments.map { String($0.count) })])
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "create", changes: changes, context: context.audit, on: db, now: now)
            return id
        }
        return try await ContractRead(context: context).detail(id)
    }

    /// Applies the fields sent to a draft (`version` required; `orderIds`/`instalments` replace).
    /// - Throws: 409 `crm.contract.not_draft`, stale version; 422 as ``create(_:)``.
    func update(_ id: UUID, _ input: ContractInput) async throws -> ContractDTO {
        try context.require(CRMModule.contractWrite)
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        if input.customerId != nil { problems.append(.init("customerId", "crm.contract.customer_fixed")) }
        var checked = try await Self.checked(input, problems: &problems, context: context)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        let contract = try await ContractRead(context: context).visible(id)
        guard contract.state == "draft" else { throw DomainError(status: 409, code: "crm.contract.not_draft", params: ["state": contract.state]) }
        try await Self.checkLinks(input, customerID: contract.customerID, checked: &checked, context: context)
        let before = (contract.title, contract.amount, contract.startsOn, contract.endsOn, contract.signedOn, contract.terms, contract.remindDays,
                      contract.opportunityID, contract.customerSignatoryID, contract.ourSignatoryID)
        checked.apply(to: contract)
        // Dates checked again on the merged values: a new end may not fall before the stored start.
        if contract.endsOn < contract.startsOn { throw DomainError.invalid([.init("endsOn", "crm.contract.dates")]) }
        if let plan = checked.instalments, plan.reduce(0, { $0 + $1.amount }) > contract.amount {
            throw DomainError.invalid([.init("instalments", "crm.contract.plan_over_amount")])
        }
        if checked.instalments == nil, input.amount != nil {
            let planned = try await ContractInstalment.query(on: context.database).filter(\.$contractID == id).all().reduce(0) { $0 + $1.amount }
            if planned > contract.amount { throw DomainError.invalid([.init("amount", "crm.contract.plan_over_amount")]) }
        }
        var changes = AuditChanges()
        let exponent = context.actor.tenant.currency.exponent
        if before.0 != contract.title { changes.set("title", before.0, contract.title) }
        if before.1 != contract.amount { changes.set("amount", FixedDecimal.format(before.1, scale: exponent), FixedDecimal.format(contract.amount, scale: exponent)) }
        if before.2 != contract.startsOn { changes.set("starts_on", before.2, contract.startsOn) }
        if before.3 != contract.endsOn { changes.set("ends_on", before.3, contract.endsOn) }
        if before.4 != contract.signedOn { changes.set("signed_on", before.4, contract.signedOn) }
        if before.5 != contract.terms { changes.set("terms", before.5, contract.terms) }
        if before.6 != contract.remindDays { changes.set("remind_days", String(before.6), String(contract.remindDays)) }
        if before.7 != contract.opportunityID { changes.set("opportunity_id", before.7?.uuidString, contract.opportunityID?.uuidString) }
        if before.8 != contract.customerSignatoryID { changes.set("customer_signatory_id", before.8?.uuidString, contract.customerSignatoryID?.uuidString) }
        if before.9 != contract.ourSignatoryID { changes.set("our_signatory_id", before.9?.uuidString, contract.ourSignatoryID?.uuidString) }
        if let orders = checked.orderIDs { changes.set("orders", nil, String(orders.count)) }
        if let plan = checked.instalments { changes.set("instalments", nil, String(plan.count)) }
        guard !changes.isEmpty else { return try await ContractRead(context: context).detail(id) }
        let customerName = try await PartnerDirectory(db: context.database).references([contract.customerID], tenantID: context.tenantID)[contract.customerID]?.name ?? ""
        contract.searchText = Self.searchText(contract, customerName: customerName)
        let finalChanges = changes
        let finalChecked = checked
        let now = context.now()
        let context = self.context
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Contract.schema)
                .set("title", to: contract.title).set("amount", to: contract.amount).set("starts_on", to: contract.startsOn)
                .set("ends_on", to: contract.endsOn).set("signed_on", to: contract.signedOn).set("terms", to: contract.terms)
                .set("remind_days", to: contract.remindDays).set("opportunity_id", to: contract.opportunityID)
                .set("customer_signatory_id", to: contract.customerSignatoryID).set("our_signatory_id", to: contract.ourSignatoryID)
                .set("search_text", to: contract.searchText).set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, contract.tenantID).where("version", .equal, version).where("state", .equal, "draft")
                .returning("id").first() != nil
            else { throw DomainError.staleVersion("contract") }
            try await Self.replaceLinks(finalChecked, of: contract, on: db)
            try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "update", changes: finalChanges, context: context.audit, on: db, now: now)
        }
        return try await ContractRead(context: context).detail(id)
    }

    // MARK: - Checks shared by create and update

    struct Checked {
        var title: String?
        var amount: Int64?
        var signedOn: String??
        var startsOn: String?
        var endsOn: String?
        var terms: String??
        var remindDays: Int?
        var opportunityID: UUID?
        var customerSignatoryID: UUID?
        var ourSignatoryID: UUID?
        var orderIDs: [UUID]?
        var instalments: [(dueOn: String, amount: Int64, note: String?)]?

        func apply(to contract: Contract) {
            if let title { contract.title = title }
            if let amount { contract.amount = amount }
            if let signedOn { contract.signedOn = signedOn }
            if let startsOn { contract.startsOn = startsOn }
            if let endsOn { contract.endsOn = endsOn }
            if let terms { contract.terms = terms }
            if let remindDays { contract.remindDays = remindDays }
            if let opportunityID { contract.opportunityID = opportunityID }
            if let customerSignatoryID { contract.customerSignatoryID = customerSignatoryID }
            if let ourSignatoryID { contract.ourSignatoryID = ourSignatoryID }
        }
    }

    static func checked(_ input: ContractInput, problems: inout [DomainError.Field], context: ServiceContext) async throws -> Checked {
        var checked = Checked()
        let currency = context.actor.tenant.currency
        if input.title != nil { checked.title = CRMText.line(input.title, max: 200, path: "title", required: true, problems: &problems) }
        func money(_ text: DecimalText, path: String, positive: Bool) -> Int64? {
            do {
                let minor = try FixedDecimal.parse(text.text, scale: currency.exponent)
                if minor < 0 { problems.append(.init(path, "number.negative")); return nil }
                if positive, minor == 0 { problems.append(.init(path, "crm.contract.amount_positive")); return nil }
                if minor > 1_000_000_000_000_00 {
                    problems.append(.init(path, "number.range", params: ["min": "0", "max": FixedDecimal.format(1_000_000_000_000_00, scale: currency.exponent)]))
                    return nil
                }
                return minor
            } catch { problems.append(error.field(path)); return nil }
        }
        if let amount = input.amount { checked.amount = money(amount, path: "amount", positive: false) }
        func day(_ text: String?, path: String) -> String? {
            guard let text else { return nil }
            guard CalendarDay.isPlausibleBusinessDay(text) else { problems.append(.init(path, "request.invalid_date")); return nil }
            return text
        }
        if let signed = input.signedOn { checked.signedOn = signed.isEmpty ? .some(nil) : day(signed, path: "signedOn").map { .some($0) } }
        checked.startsOn = day(input.startsOn, path: "startsOn")
        checked.endsOn = day(input.endsOn, path: "endsOn")
        if let start = checked.startsOn, let end = checked.endsOn, end < start { problems.append(.init("endsOn", "crm.contract.dates")) }
        if let terms = input.terms {
            let text = CRMText.note(terms, max: maximumTerms, path: "terms", problems: &problems)
            checked.terms = .some(text)
        }
        if let days = input.remindDaysBefore {
            if (0...365).contains(days) { checked.remindDays = days } else { problems.append(.init("remindDaysBefore", "number.range", params: ["min": "0", "max": "365"])) }
        }
        if let orders = input.orderIds {
            let unique = Array(NSOrderedSet(array: orders)) as! [UUID]
            if unique.count > maximumOrders { problems.append(.init("orderIds", "list.too_many_ids", params: ["max": String(maximumOrders)])) }
            checked.orderIDs = unique
        }
        if let plan = input.instalments {
            if plan.count > maximumInstalments { problems.append(.init("instalments", "list.too_many_ids", params: ["max": String(maximumInstalments)])) }
            var lines: [(dueOn: String, amount: Int64, note: String?)] = []
            for (index, line) in plan.enumerated() {
                let due = day(line.dueOn, path: "instalments[\(index)].dueOn")
                let amount = money(line.amount, path: "instalments[\(index)].amount", positive: true)
                let note = CRMText.line(line.note, max: 200, path: "instalments[\(index)].note", problems: &problems)
                if let due, let amount { lines.append((due, amount, note)) }
            }
            checked.instalments = lines.sorted { $0.dueOn < $1.dueOn }
            if let amount = checked.amount, lines.reduce(0, { $0 + $1.amount }) > amount {
                problems.append(.init("instalments", "crm.contract.plan_over_amount"))
            }
        }
        return checked
    }

    /// Checks the records a contract points at: its opportunity (the same customer's, in the
    /// caller's scope), signatories, and linked orders (the same customer's, readable by the caller).
    static func checkLinks(_ input: ContractInput, customerID: UUID, checked: inout Checked, context: ServiceContext) async throws {
        var problems: [DomainError.Field] = []
        if let opportunityID = input.opportunityId {
            let opportunity = try await OpportunityRead(context: context).visible(opportunityID)
            if opportunity.customerID != customerID { problems.append(.init("opportunityId", "crm.contract.opportunity_other_customer")) }
            checked.opportunityID = opportunityID
        }
        if let contactID = input.customerSignatoryId {
            let contact = try await PartnerDirectory(db: context.database).contacts([contactID], tenantID: context.tenantID)[contactID]
            if contact?.partnerID != customerID { problems.append(.init("customerSignatoryId", "crm.contract.signatory_other_customer")) }
            checked.customerSignatoryID = contactID
        }
        if let employeeID = input.ourSignatoryId {
            if try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: context.tenantID) == nil {
                problems.append(.init("ourSignatoryId", "crm.lead.unknown_owner"))
            }
            checked.ourSignatoryID = employeeID
        }
        if let orderIDs = checked.orderIDs, !orderIDs.isEmpty {
            let orders = try await CustomerOrders(context: context).summaries(orderIDs)
            for (index, id) in orderIDs.enumerated() {
                guard let order = orders[id] else { problems.append(.init("orderIds[\(index)]", "crm.contract.order_unknown")); continue }
                if order.customerId != customerID { problems.append(.init("orderIds[\(index)]", "crm.contract.order_other_customer", params: ["number": order.number])) }
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
    }

    static func replaceLinks(_ checked: Checked, of contract: Contract, on db: any Database) async throws {
        let id = try contract.requireID()
        if let orderIDs = checked.orderIDs {
            try await ContractOrder.query(on: db).filter(\.$contractID == id).delete()
            for orderID in orderIDs {
                let link = ContractOrder()
                link.tenantID = contract.tenantID
                link.contractID = id
                link.orderID = orderID
                try await link.create(on: db)
            }
        }
        if let plan = checked.instalments {
            try await ContractInstalment.query(on: db).filter(\.$contractID == id).delete()
            for (index, line) in plan.enumerated() {
                let instalment = ContractInstalment()
                instalment.tenantID = contract.tenantID
                instalment.contractID = id
                instalment.position = index + 1
                instalment.dueOn = line.dueOn
                instalment.amount = line.amount
                instalment.note = line.note
                try await instalment.create(on: db)
            }
        }
    }

    static func searchText(_ contract: Contract, customerName: String) -> String {
        [contract.number, contract.title, customerName].joined(separator: " ").lowercased()
    }
}
