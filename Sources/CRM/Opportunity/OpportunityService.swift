import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Products
import SQLKit

/// Opportunities (商机): entering and editing them, moving them through the stages (the kanban),
/// and turning a won one into a sales order.
struct OpportunityService: Sendable {
    let context: ServiceContext

    static let maximumLines = 100
    static let maximumCompetitors = 10

    /// - Throws: 403 without ``CRMModule/opportunityWrite``; 422 fields; 404 customer or stage.
    func create(_ input: OpportunityInput, leadID: UUID? = nil) async throws -> OpportunityDTO {
        try context.require(CRMModule.opportunityWrite)
        let (owner, department) = try CRMActor.employee(context)
        var problems: [DomainError.Field] = []
        let name = CRMText.line(input.name, max: 200, path: "name", required: true, problems: &problems)
        if input.customerId == nil { problems.append(.init("customerId", "field.required")) }
        let currency = context.actor.tenant.currency
        let checked = try await Self.checked(input, currency: currency, context: context, problems: &problems)
        guard problems.isEmpty, let name, let customerID = input.customerId else { throw DomainError.invalid(problems) }
        _ = try await CustomerAccess(context: context).visibleCustomer(customerID)
        let stages = try await Stages(context: context).all()
        let stage: OpportunityStage
        if let stageID = input.stageId {
            guard let found = stages.first(where: { $0.id == stageID && $0.kind == "open" && !$0.archived }) else {
                throw DomainError.invalid([.init("stageId", "crm.stage.not_open")])
            }
            stage = found
        } else {
            guard let first = stages.first(where: { $0.kind == "open" && !$0.archived }) else { throw DomainError.invalid([.init("stageId", "crm.stage.not_open")]) }
            stage = first
        }
        let opportunity = Opportunity()
        opportunity.id = input.id ?? UUID()
        opportunity.tenantID = context.tenantID
        opportunity.number = ""
        opportunity.name = name
        opportunity.customerID = customerID
        opportunity.stageID = try stage.requireID()
        opportunity.amount = checked.amount ?? checked.lines.reduce(0) { $0 + $1.total } 
        opportunity.currency = currency.code
        opportunity.expectedClose = checked.expectedClose
        opportunity.competitors = checked.competitors.flatMap { Self.json($0) }
        opportunity.state = "open"
        opportunity.furthestPosition = stage.position
        opportunity.leadID = leadID
        opportunity.ownerID = owner
        opportunity.departmentID = department
        opportunity.createdBy = context.actor.userID
        opportunity.version = 1
        let year = String(context.today().prefix(4))
        let context = self.context
        let id = try await context.write { db in
            if input.id != nil, try await Opportunity.find(opportunity.id, on: db) != nil { throw DomainError.idTaken("opportunity") }
            opportunity.number = try await DocumentNumbering().next(prefix: "OPP", period: year, key: "crm.opportunity", tenantID: opportunity.tenantID, on: db)
            try await opportunity.create(on: db)
            let id = try opportunity.requireID()
            try await Self.replaceLines(checked.lines, of: id, tenantID: opportunity.tenantID, on: db)
            var changes = AuditChanges()
            changes.created([("number", opportunity.number), ("name", opportunity.name), ("customer_id", customerID.uuidString),
                             ("stage", stage.name), ("amount", Money(minorUnits: opportunity.amount, currency: currency).decimalText),
                             ("expected_close", opportunity.expectedClose)])
            try await AuditLog.append(entity: CRMModule.opportunityEntity, entityID: id, action: "create", changes: changes, context: context.audit, on: db,
                                      now: context.now())
            return id
        }
        return try await OpportunityRead(context: context).detail(id)
    }

    /// Applies the fields sent to an open opportunity (`version` required).
    func update(_ id: UUID, _ input: OpportunityInput) async throws -> OpportunityDTO {
        try context.require(CRMModule.opportunityWrite)
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        let name = input.name == nil ? nil : CRMText.line(input.name, max: 200, path: "name", required: true, problems: &problems)
        let currency = context.actor.tenant.currency
        let checked = try await Self.checked(input, currency: currency, context: context, problems: &problems)
        if input.stageId != nil { problems.append(.init("stageId", "crm.opportunity.move_instead")) }
        if input.customerId != nil { problems.append(.init("customerId", "crm.opportunity.customer_fixed")) }
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        let opportunity = try await OpportunityRead(context: context).visible(id)
        guard opportunity.state == "open" else { throw DomainError(status: 409, code: "crm.opportunity.closed", params: ["state": opportunity.state]) }
        var changes = AuditChanges()
        if let name, name != opportunity.name { changes.set("name", opportunity.name, name); opportunity.name = name }
        let newAmount = checked.amount ?? (input.lines != nil ? checked.lines.reduce(0) { $0 + $1.total } : nil)
        if let amount = newAmount, amount != opportunity.amount {
            changes.set("amount", Money(minorUnits: opportunity.amount, currency: currency).decimalText, Money(minorUnits: amount, currency: currency).decimalText)
            opportunity.amount = amount
        }
        if input.expectedCloseDate != nil, checked.expectedClose != opportunity.expectedClose {
            changes.set("expected_close", opportunity.expectedClose, checked.expectedClose)
            opportunity.expectedClose = checked.expectedClose
        }
        if let names = checked.competitors, Self.json(names) != opportunity.competitors {
            let competitors = Self.json(names)
            changes.set("competitors", opportunity.competitors, competitors)
            opportunity.competitors = competitors
        }
        if input.lines != nil { changes.set("lines", nil, String(checked.lines.count)) }
        guard !changes.isEmpty else { return try await OpportunityRead(context: context).detail(id) }
        let finalChanges = changes
        let now = context.now()
        let context = self.context
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Opportunity.schema)
                .set("name", to: opportunity.name).set("amount", to: opportunity.amount).set("expected_close", to: opportunity.expectedClose)
                .set("competitors", to: opportunity.competitors).set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, opportunity.tenantID).where("version", .equal, version).where("state", .equal, "open")
                .returning("id").first() != nil
            else { throw DomainError.staleVersion("opportunity") }
            if input.lines != nil { try await Self.replaceLines(checked.lines, of: id, tenantID: opportunity.tenantID, on: db) }
            try await AuditLog.append(entity: CRMModule.opportunityEntity, entityID: id, action: "update", changes: finalChanges, context: context.audit, on: db, now: now)
        }
        return try await OpportunityRead(context: context).detail(id)
    }

    /// Moves the opportunity to `input.stageId`: an open stage (back or forward), the won stage
    /// (closes it won), or the lost stage (closes it lost, `lostReason` required). A closed one
    /// may be reopened by moving it to an open stage.
    /// - Throws: 404; 422 `crm.stage.unknown`, `crm.opportunity.lost_reason_required`; 409 stale.
    func move(_ id: UUID, _ input: OpportunityMoveInput) async throws -> OpportunityDTO {
        try context.require(CRMModule.opportunityWrite)
        var problems: [DomainError.Field] = []
        let reason = CRMText.line(input.lostReason, max: 200, path: "lostReason", problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let opportunity = try await OpportunityRead(context: context).visible(id)
        let stages = try await Stages(context: context).all()
        guard let stage = stages.first(where: { $0.id == input.stageId && !$0.archived }) else {
            throw DomainError.invalid([.init("stageId", "crm.stage.unknown")])
        }
        if stage.kind == "lost", reason == nil { throw DomainError.invalid([.init("lostReason", "crm.opportunity.lost_reason_required")]) }
        guard opportunity.stageID != input.stageId else { return try await OpportunityRead(context: context).detail(id) }
        let from = stages.first { $0.id == opportunity.stageID }
        let now = context.now()
        let furthest = stage.kind == "open" ? max(opportunity.furthestPosition, stage.position) : opportunity.furthestPosition
        let context = self.context
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Opportunity.schema)
                .set("stage_id", to: input.stageId).set("state", to: stage.kind).set("furthest_position", to: furthest)
                .set("lost_reason", to: stage.kind == "lost" ? reason : nil).set("closed_at", to: stage.kind == "open" ? nil : now)
                .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, opportunity.tenantID).where("version", .equal, input.version)
                .returning("id").first() != nil
            else { throw DomainError.staleVersion("opportunity") }
            var changes = AuditChanges()
            changes.set("stage", from?.name, stage.name)
            if stage.kind != opportunity.state { changes.set("state", opportunity.state, stage.kind) }
            if stage.kind == "lost" { changes.set("lost_reason", nil, reason) }
            try await AuditLog.append(entity: CRMModule.opportunityEntity, entityID: id, action: "move", changes: changes, context: context.audit, on: db, now: now)
        }
        return try await OpportunityRead(context: context).detail(id)
    }

    // MARK: - Checks shared by create and update

    struct Line {
        let productID: UUID
        let quantity: Int64
        let unitPrice: Int64
        /// quantity × unit price in minor units, half-up.
        var total: Int64 { Int64(RoundingRule.halfUp.divide(Int128(quantity) * Int128(unitPrice), by: 10_000)) }
    }

    struct Checked {
        var amount: Int64?
        var expectedClose: String?
        var competitors: [String]?
        var lines: [Line] = []
    }

    static func checked(_ input: OpportunityInput, currency: Currency, context: ServiceContext, problems: inout [DomainError.Field]) async throws -> Checked {
        var checked = Checked()
        if let amount = input.amount {
            do {
                let minor = try FixedDecimal.parse(amount.text, scale: currency.exponent)
                if minor < 0 { problems.append(.init("amount", "number.negative")) } else { checked.amount = minor }
            } catch { problems.append(error.field("amount")) }
        }
        if let day = input.expectedCloseDate {
            if day.isEmpty { checked.expectedClose = nil } else if CalendarDay.isValid(day) { checked.expectedClose = day }
            else { problems.append(.init("expectedCloseDate", "request.invalid_date")) }
        }
        if let competitors = input.competitors {
            var clean: [String] = []
            for (index, name) in competitors.enumerated() {
                if let text = CRMText.line(name, max: 100, path: "competitors[\(index)]", required: true, problems: &problems), !clean.contains(text) { clean.append(text) }
            }
            if clean.count > maximumCompetitors { problems.append(.init("competitors", "list.too_many_ids", params: ["max": String(maximumCompetitors)])) }
            checked.competitors = clean
        }
        if let lines = input.lines {
            if lines.count > maximumLines { problems.append(.init("lines", "list.too_many_ids", params: ["max": String(maximumLines)])) }
            let products = try await ProductCatalog(db: context.database).references(Set(lines.map(\.productId)), tenantID: context.tenantID)
            for (index, line) in lines.enumerated() {
                guard let product = products[line.productId], !product.archived else {
                    problems.append(.init("lines[\(index)].productId", "crm.opportunity.unknown_product"))
                    continue
                }
                var quantity: Int64 = 0, price: Int64 = product.listPrice.currency == currency ? product.listPrice.minorUnits : 0
                do {
                    quantity = try FixedDecimal.parse(line.quantity.text, scale: 4)
                    if quantity <= 0 { problems.append(.init("lines[\(index)].quantity", "number.range", params: ["min": "0.0001", "max": "1000000000"])) }
                } catch { problems.append(error.field("lines[\(index)].quantity")) }
                if let text = line.unitPrice?.text {
                    do {
                        price = try FixedDecimal.parse(text, scale: currency.exponent)
                        if price < 0 { problems.append(.init("lines[\(index)].unitPrice", "number.negative")) }
                    } catch { problems.append(error.field("lines[\(index)].unitPrice")) }
                }
                checked.lines.append(Line(productID: line.productId, quantity: quantity, unitPrice: price))
            }
        }
        return checked
    }

    static func replaceLines(_ lines: [Line], of id: UUID, tenantID: UUID, on db: any Database) async throws {
        try await OpportunityLine.query(on: db).filter(\.$opportunityID == id).delete()
        for (index, line) in lines.enumerated() {
            let row = OpportunityLine()
            row.id = UUID()
            row.tenantID = tenantID
            row.opportunityID = id
            row.productID = line.productID
            row.quantity = line.quantity
            row.unitPrice = line.unitPrice
            row.position = index
            try await row.create(on: db)
        }
    }

    static func json(_ names: [String]) -> String? {
        names.isEmpty ? nil : String(decoding: (try? JSONEncoder().encode(names)) ?? Data(), as: UTF8.self)
    }
}
