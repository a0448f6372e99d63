import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// `crm.contracts` on the shared list mechanism (DESIGN §1): within the `crm.contract` scope,
/// ending soonest first; `q` searches number, title and customer name.
enum ContractList {
    private struct Row: Decodable {
        let id: UUID
    }

    static let definition = ListDefinition<ContractDTO>(
        key: "crm.contracts", table: Contract.schema, fileName: "contracts",
        columns: [
            ListColumn("number", header: "crm.list.number", kind: .text, expression: "crm_contracts.number") { .text($0.number) },
            ListColumn("title", header: "crm.list.title", kind: .text, expression: "crm_contracts.title") { .text($0.title) },
            ListColumn("customerName", header: "crm.list.customer", kind: .reference, filterExpression: "crm_contracts.customer_id",
                       parameterNames: ["customer"]) { .text($0.customerName) },
            ListColumn("amount", header: "crm.list.amount", kind: .money, expression: "crm_contracts.amount", scale: 2) { .number($0.amount) },
            ListColumn("received", header: "crm.list.received", kind: .money, expression: "crm_contracts.received", scale: 2) { .number($0.received) },
            ListColumn("startsOn", header: "crm.list.starts_on", kind: .day, expression: "crm_contracts.starts_on") { .day($0.startsOn) },
            ListColumn("endsOn", header: "crm.list.ends_on", kind: .day, expression: "crm_contracts.ends_on") { .day($0.endsOn) },
            ListColumn("state", header: "crm.list.state", kind: .enumeration, expression: "crm_contracts.state", values: Contract.states,
                       valueLabels: "crm.contract.state.") { .text($0.state) },
            ListColumn("ownerName", header: "crm.list.owner", kind: .reference, filterExpression: "crm_contracts.owner_id",
                       parameterNames: ["owner"]) { .of($0.ownerName) },
        ],
        defaultColumns: ["number", "title", "customerName", "amount", "received", "endsOn", "state", "ownerName"],
        defaultSort: [ListSort("endsOn")],
        scope: ListScopeRule(resource: CRMModule.contractResource, employee: "owner_id", createdBy: nil),
        conditions: [], extraFilters: [.search()], bulkActions: [],
        select: { $0.column(SQLColumn("id", table: Contract.schema)) },
        decode: { row in
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return ContractDTO(id: r.id, number: "", title: "", customerId: r.id, customerName: "", opportunityId: nil, opportunityName: nil,
                               customerSignatoryId: nil, customerSignatoryName: nil, ourSignatoryId: nil, ourSignatoryName: nil, amount: "", currency: "",
                               received: "", outstanding: "", signedOn: nil, startsOn: "", endsOn: "", terms: nil, remindDaysBefore: 0, state: "",
                               terminationReason: nil, approvalId: nil, approvalState: nil, renewalOfId: nil, renewedById: nil, orders: [], instalments: [],
                               receipts: [], ownerId: r.id, ownerName: nil, createdAt: nil, version: 0)
        },
        finish: { items, context in
            // The page's ids, read whole through the one reader that shapes contracts.
            let rows = try await Contract.query(on: context.db).filter(\.$id ~~ items.map(\.id)).all()
            let byID = Dictionary(uniqueKeysWithValues: try await ContractRead.heads(rows, db: context.db, tenantID: context.tenantID).map { ($0.id, $0) })
            return items.compactMap { byID[$0.id] }
        })
}
