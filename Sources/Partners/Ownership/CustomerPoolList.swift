import AfieldAPI
import Foundation
import Platform
import SQLKit

/// The public pool as a list (`GET /api/v1/partners/pool`, key `partners.pool`): customers
/// nobody owns, longest in the pool first, within the caller's `partners.pool` data scope (by the
/// department that last owned them).
enum CustomerPoolList {
    private struct Row: Decodable {
        let id: UUID
        let code: String
        let name: String
        let level: String?
        let industry: String?
        let province_code: String?
        let city_code: String?
        let district_code: String?
        let pool_since: Date?
        let pool_reason: String?
        let previous_owner_id: UUID?
    }

    static let table = Partner.schema

    static let definition = ListDefinition<PoolCustomerDTO>(
        key: "partners.pool", table: table, fileName: "public-pool",
        columns: [
            ListColumn("name", header: "partners.list.name", kind: .text, expression: "partners.name") { .text($0.name) },
            ListColumn("code", header: "partners.list.code", kind: .text, expression: "partners.code") { .text($0.code) },
            ListColumn("level", header: "partners.list.level", kind: .enumeration, expression: "partners.level", values: ["A", "B", "C"]) { .of($0.level) },
            ListColumn("industry", header: "partners.list.industry", kind: .text, expression: "partners.industry") { .of($0.industry) },
            ListColumn("division", header: "partners.list.division", kind: .text, sortable: false) { .of($0.divisionName) },
            ListColumn("poolSince", header: "partners.list.pool_since", kind: .instant, expression: "partners.pool_since") {
                $0.poolSince.map(ListCell.instant) ?? .empty
            },
            ListColumn("poolReason", header: "partners.list.pool_reason", kind: .enumeration, expression: "partners.pool_reason",
                       values: ["released", "idle", "transferred"], valueLabels: "partners.pool.reason.") { .of($0.poolReason) },
            ListColumn("previousOwnerName", header: "partners.list.previous_owner", kind: .text) { .of($0.previousOwnerName) },
        ],
        defaultColumns: ["name", "level", "industry", "division", "poolSince", "poolReason", "previousOwnerName"],
        defaultSort: [ListSort("poolSince")],
        scope: ListScopeRule(resource: CustomerPool.resource, employee: nil, createdBy: nil),
        conditions: ["\(ident: table).\(ident: "is_customer") = \(bind: true)", "\(ident: table).\(ident: "pool_since") IS NOT NULL",
                     "\(ident: table).\(ident: "archived") = \(bind: false)"],
        extraFilters: [.search()],
        bulkActions: [
            ListBulkAction("claim", label: "partners.bulk.claim", permission: CustomerOwnership.claim) { context, id, _ in
                _ = try await CustomerOwnership(context: context).claim(id)
            },
            ListBulkAction("assign", label: "partners.bulk.assign", permission: CustomerOwnership.transfer, valueKind: "reference") { context, id, value in
                guard let employee = value.flatMap(UUID.init(uuidString:)) else { throw DomainError.invalid([.init("value", "list.bulk_invalid_value")]) }
                _ = try await CustomerOwnership(context: context).transfer(CustomerTransferInput(ids: [id], toEmployeeId: employee))
            },
        ],
        select: { query in
            query.column(SQLColumn("id", table: table)).column("code").column("name").column("level").column("industry")
                .column("province_code").column("city_code").column("district_code").column("pool_since").column("pool_reason")
                .column("previous_owner_id")
        },
        decode: { row in
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return PoolCustomerDTO(id: r.id, code: r.code, name: r.name, level: r.level, industry: r.industry,
                                   divisionName: AdminDivisionsCN.fullName(province: r.province_code, city: r.city_code, district: r.district_code),
                                   poolSince: r.pool_since, poolReason: r.pool_reason, previousOwnerId: r.previous_owner_id, previousOwnerName: nil)
        },
        finish: { items, context in
            let names = try await EmployeeDirectory(db: context.db).names(Set(items.compactMap(\.previousOwnerId)), tenantID: context.tenantID)
            return items.map { var item = $0; item.previousOwnerName = $0.previousOwnerId.flatMap { names[$0] }; return item }
        })
}
