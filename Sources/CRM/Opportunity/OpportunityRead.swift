import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Products

/// Reading opportunities within the caller's `crm.opportunity` data scope.
struct OpportunityRead: Sendable {
    let context: ServiceContext

    func detail(_ id: UUID) async throws -> OpportunityDTO {
        let row = try await visible(id)
        _ = try await Stages(context: context).all()
        return try await Self.dtos([row], db: context.database, tenantID: context.tenantID, withLines: true)[0]
    }

    /// - Throws: 404 `opportunity`.
    func visible(_ id: UUID) async throws -> Opportunity {
        guard context.actor.holds(CRMModule.opportunityRead) || context.actor.holds(CRMModule.opportunityWrite),
              let row = try await Opportunity.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              try await context.recordScope(CRMModule.opportunityResource).contains(department: row.departmentID, employee: row.ownerID, createdBy: nil)
        else { throw DomainError.notFound("opportunity") }
        return row
    }

    /// The customer's opportunities the caller may see, newest first.
    func ofCustomer(_ customerID: UUID) async throws -> [OpportunityDTO] {
        guard context.actor.holds(CRMModule.opportunityRead) || context.actor.holds(CRMModule.opportunityWrite) else { return [] }
        let scope = try await context.recordScope(CRMModule.opportunityResource)
        let rows = try await Opportunity.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$customerID == customerID)
            .filter(scope: scope, employee: "owner_id", createdBy: nil).sort(\.$createdAt, .descending).limit(100).all()
        return try await Self.dtos(rows, db: context.database, tenantID: context.tenantID, withLines: false)
    }

    /// The rows as answered (their stages exist: an opportunity is made after its company's stages).
    static func dtos(_ rows: [Opportunity], db: any Database, tenantID: UUID, withLines: Bool) async throws -> [OpportunityDTO] {
        guard !rows.isEmpty else { return [] }
        let stages = Dictionary(uniqueKeysWithValues: try await OpportunityStage.query(on: db).filter(\.$tenantID == tenantID).all().map { ($0.id!, $0) })
        let customers = try await PartnerDirectory(db: db).references(Set(rows.map(\.customerID)), tenantID: tenantID)
        let owners = try await EmployeeDirectory(db: db).names(Set(rows.map(\.ownerID)), tenantID: tenantID)
        var lines: [UUID: [OpportunityLine]] = [:]
        var products: [UUID: ProductCatalog.Reference] = [:]
        if withLines {
            let all = try await OpportunityLine.query(on: db).filter(\.$opportunityID ~~ rows.compactMap(\.id)).sort(\.$position).all()
            lines = Dictionary(grouping: all, by: \.opportunityID)
            products = try await ProductCatalog(db: db).references(Set(all.map(\.productID)), tenantID: tenantID)
        }
        return rows.map { o in
            let currency = Currency(code: o.currency) ?? .cny
            let stage = stages[o.stageID]
            let probability = stage?.probability ?? 0
            let weighted = Int64(RoundingRule.halfUp.divide(Int128(o.amount) * Int128(probability), by: 100))
            let competitors = o.competitors.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            return OpportunityDTO(
                id: o.id!, number: o.number, name: o.name, customerId: o.customerID, customerName: customers[o.customerID]?.name ?? "",
                stageId: o.stageID, stageName: stage?.name ?? "", probability: probability, state: o.state,
                amount: Money(minorUnits: o.amount, currency: currency).decimalText, weightedAmount: Money(minorUnits: weighted, currency: currency).decimalText,
                currency: currency.code, expectedCloseDate: o.expectedClose, competitors: competitors, lostReason: o.lostReason,
                lines: (lines[o.id!] ?? []).map {
                    OpportunityLineDTO(productId: $0.productID, productName: products[$0.productID]?.name, quantity: FixedDecimal.formatTrimmed($0.quantity, scale: 4),
                                       unitPrice: Money(minorUnits: $0.unitPrice, currency: currency).decimalText)
                },
                orderId: o.orderID, leadId: o.leadID, ownerId: o.ownerID, ownerName: owners[o.ownerID], closedAt: o.closedAt, createdAt: o.createdAt,
                version: o.version)
        }
    }
}
