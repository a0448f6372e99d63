import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Sales

/// Reading contracts within the caller's `crm.contract` scope, shaped as ``ContractDTO``.
struct ContractRead: Sendable {
    let context: ServiceContext

    /// The contract `id` if the caller may read it.
    /// - Throws: 403 without `crm.contract.read` or `.write`; 404 unknown or out of scope.
    func visible(_ id: UUID) async throws -> Contract {
        guard Self.mayRead(context) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": CRMModule.contractRead.key])
        }
        let scope = try await context.recordScope(CRMModule.contractResource)
        guard let contract = try await Contract.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id)
            .filter(scope: scope, employee: "owner_id", createdBy: nil).first()
        else { throw DomainError.notFound("contract") }
        return contract
    }

    static func mayRead(_ context: ServiceContext) -> Bool {
        [CRMModule.contractRead, CRMModule.contractWrite, CRMModule.contractReceive].contains { context.actor.holds($0) }
    }

    func detail(_ id: UUID) async throws -> ContractDTO {
        let contract = try await visible(id)
        return try await dtos([contract])[0]
    }

    /// The customer's contracts the caller may read, newest first (none without the permission).
    func ofCustomer(_ customerID: UUID) async throws -> [ContractDTO] {
        guard Self.mayRead(context) else { return [] }
        let scope = try await context.recordScope(CRMModule.contractResource)
        let rows = try await Contract.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$customerID == customerID)
            .filter(scope: scope, employee: "owner_id", createdBy: nil).sort(\.$createdAt, .descending).limit(200).all()
        return try await dtos(rows)
    }

    /// `rows` as DTOs, with their orders, plan, receipts and approval state, read in one query per kind.
    func dtos(_ rows: [Contract]) async throws -> [ContractDTO] {
        guard !rows.isEmpty else { return [] }
        let db = context.database
        let ids = rows.compactMap(\.id)
        let links = try await ContractOrder.query(on: db).filter(\.$contractID ~~ ids).all()
        let instalments = try await ContractInstalment.query(on: db).filter(\.$contractID ~~ ids).sort(\.$position).all()
        let receipts = try await ContractReceipt.query(on: db).filter(\.$contractID ~~ ids).sort(\.$receivedOn).sort(\.$createdAt).all()
        let orders = try await CustomerOrders(context: context).summaries(Array(Set(links.map(\.orderID))))
        let users = Set(receipts.compactMap(\.createdBy))
        let userNames = users.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Array(users)).all()
            .map { ($0.id!, $0.name) })
        let gate = context.application.approvalGate
        let today = context.today()
        var result: [ContractDTO] = []
        for (row, head) in zip(rows, try await Self.heads(rows, db: db, tenantID: context.tenantID)) {
            var dto = head
            let id = dto.id
            let currency = Currency(code: row.currency) ?? context.actor.tenant.currency
            func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).decimalText }
            let approval = try await gate.status(subject: ContractApproval.subject, documentID: id, tenantID: context.tenantID, on: db)
            dto.approvalId = approval?.id
            dto.approvalState = approval?.state
            dto.orders = links.filter { $0.contractID == id }.compactMap { orders[$0.orderID] }.sorted { $0.orderDate < $1.orderDate }.map {
                ContractOrderDTO(id: $0.id, number: $0.number, state: $0.state, orderDate: $0.orderDate, total: $0.total, currency: $0.currency)
            }
            dto.instalments = ContractPlan.match(instalments.filter { $0.contractID == id }, received: row.received, today: today).map {
                ContractInstalmentDTO(id: $0.instalment.id!, position: $0.instalment.position, dueOn: $0.instalment.dueOn, amount: money($0.instalment.amount),
                                      note: $0.instalment.note, received: money($0.received), state: $0.state)
            }
            dto.receipts = receipts.filter { $0.contractID == id }.map {
                ContractReceiptDTO(id: $0.id!, receivedOn: $0.receivedOn, amount: money($0.amount), note: $0.note,
                                   byName: $0.createdBy.flatMap { userNames[$0] }, at: $0.createdAt)
            }
            result.append(dto)
        }
        return result
    }

    /// `rows` as DTOs without orders, plan, receipts or approval (what a list row shows), in `rows`' order.
    static func heads(_ rows: [Contract], db: any Database, tenantID: UUID) async throws -> [ContractDTO] {
        guard !rows.isEmpty else { return [] }
        let customers = try await PartnerDirectory(db: db).references(Set(rows.map(\.customerID)), tenantID: tenantID)
        let contacts = try await PartnerDirectory(db: db).contacts(Set(rows.compactMap(\.customerSignatoryID)), tenantID: tenantID)
        let employees = try await EmployeeDirectory(db: db).names(Set(rows.map(\.ownerID) + rows.compactMap(\.ourSignatoryID)), tenantID: tenantID)
        let opportunityIDs = rows.compactMap(\.opportunityID)
        let opportunities = opportunityIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Opportunity.query(on: db)
            .filter(\.$tenantID == tenantID).filter(\.$id ~~ opportunityIDs).all().map { ($0.id!, $0.name) })
        return rows.map { row in
            let currency = Currency(code: row.currency) ?? .usd
            func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).decimalText }
            return ContractDTO(
                id: row.id!, number: row.number, title: row.title, customerId: row.customerID, customerName: customers[row.customerID]?.name ?? "",
                opportunityId: row.opportunityID, opportunityName: row.opportunityID.flatMap { opportunities[$0] },
                customerSignatoryId: row.customerSignatoryID, customerSignatoryName: row.customerSignatoryID.flatMap { contacts[$0]?.name },
                ourSignatoryId: row.ourSignatoryID, ourSignatoryName: row.ourSignatoryID.flatMap { employees[$0] },
                amount: money(row.amount), currency: currency.code, received: money(row.received), outstanding: money(max(0, row.amount - row.received)),
                signedOn: row.signedOn, startsOn: row.startsOn, endsOn: row.endsOn, terms: row.terms, remindDaysBefore: row.remindDays,
                state: row.state, terminationReason: row.terminationReason, approvalId: nil, approvalState: nil,
                renewalOfId: row.renewalOfID, renewedById: row.renewedByID, orders: [], instalments: [], receipts: [],
                ownerId: row.ownerID, ownerName: employees[row.ownerID], createdAt: row.createdAt, version: row.version)
        }
    }
}

/// The collection plan against the money received (回款计划 vs 回款): receipts are matched to
/// instalments in due order, first due first paid — how 销售易 and Odoo's payment terms read a
/// partial payment when it names no instalment.
enum ContractPlan {
    struct Line {
        let instalment: ContractInstalment
        let received: Int64
        /// `open`, `partial`, `paid`, `overdue`.
        let state: String
    }

    /// `instalments` (any order) with their matched part of `received` (minor units); an
    /// instalment due before `today` (`YYYY-MM-DD`) and not fully paid is `overdue`.
    static func match(_ instalments: [ContractInstalment], received: Int64, today: String) -> [Line] {
        var left = received
        return instalments.sorted { ($0.dueOn, $0.position) < ($1.dueOn, $1.position) }.map { instalment in
            let taken = min(max(left, 0), instalment.amount)
            left -= taken
            let state = taken >= instalment.amount ? "paid" : instalment.dueOn < today ? "overdue" : taken > 0 ? "partial" : "open"
            return Line(instalment: instalment, received: taken, state: state)
        }
    }
}
