import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The customers, suppliers and carriers lists on the shared list mechanism (DESIGN §1): name
/// first, archived partners hidden unless asked for (`archived=include|only`), customers within
/// the caller's data scope (their account manager's).
enum PartnerList {
    private struct Row: Decodable {
        let id: UUID
        let code: String
        let name: String
        let city: String?
        let country: String?
        let phone: String?
        let archived: Bool
        let level: String?
        let owner_id: UUID?
        let last_activity_at: Date?
    }

    /// Customer-only columns: level, account manager, last follow-up.
    static let customerColumns: [ListColumn<PartnerSummary>] = [
        ListColumn("level", header: "partners.list.level", kind: .enumeration, expression: "partners.level", values: ["A", "B", "C"]) { .of($0.level) },
        ListColumn("ownerName", header: "partners.list.owner", kind: .text) { .of($0.ownerName) },
        ListColumn("lastActivityAt", header: "partners.list.last_activity", kind: .instant, expression: "partners.last_activity_at") {
            $0.lastActivityAt.map(ListCell.instant) ?? .empty
        },
    ]

    static let table = Partner.schema

    /// The list of partners having `role`, key `partners.<role>s`.
    static func definition(_ role: PartnerRole) -> ListDefinition<PartnerSummary> {
        ListDefinition<PartnerSummary>(
            key: "partners.\(role.rawValue)s", table: table, fileName: "\(role.rawValue)s",
            columns: [
                ListColumn("name", header: "partners.list.name", kind: .text, expression: "partners.name") { .text($0.name) },
                ListColumn("code", header: "partners.list.code", kind: .text, expression: "partners.code") { .text($0.code) },
                ListColumn("contactName", header: "partners.list.contact", kind: .text) { .of($0.contactName) },
                ListColumn("city", header: "partners.list.city", kind: .text, expression: "partners.city") { .of($0.city) },
                ListColumn("country", header: "partners.list.country", kind: .text, expression: "partners.country") { .of($0.country) },
                ListColumn("phone", header: "partners.list.phone", kind: .text, expression: "partners.phone") { .of($0.phone) },
            ] + (role == .customer ? customerColumns : []),
            defaultColumns: role == .customer ? ["name", "level", "contactName", "city", "country", "phone", "ownerName", "lastActivityAt"]
                : ["name", "contactName", "city", "country", "phone"],
            defaultSort: [ListSort("name")],
            scope: role.scopedResource.map { ListScopeRule(resource: $0, employee: "owner_id", createdBy: nil, alsoVisible: role == .customer ? collaborating : nil) },
            // Pool customers are listed by the pool (``CustomerPoolList``), under its own scope.
            conditions: ["\(ident: table).\(ident: role.flagColumn) = \(bind: true)"]
                + (role == .customer ? ["\(ident: table).\(ident: "pool_since") IS NULL"] : []),
            extraFilters: [.search(), archivedFilter] + (role == .customer ? [notFollowedSince] : []),
            bulkActions: [archive(role, true), archive(role, false)] + (role == .customer ? [transfer] : []),
            select: { query in
                query.column(SQLColumn("id", table: table)).column("code").column("name").column("city").column("country").column("phone")
                    .column("archived").column("level").column("owner_id").column("last_activity_at")
            },
            decode: { row in
                let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
                return PartnerSummary(id: r.id, code: r.code, name: r.name, city: r.city, country: r.country, phone: r.phone, contactName: nil,
                                      archived: r.archived, level: r.level, ownerId: r.owner_id, lastActivityAt: r.last_activity_at)
            },
            finish: { items, context in
                // The first contact of each partner on the page, through the module's own model.
                let ids = items.map(\.id)
                let contacts = try await PartnerContact.query(on: context.db).filter(\.$partner.$id ~~ ids).sort(\.$position).all()
                var first: [UUID: String] = [:]
                for contact in contacts where first[contact.$partner.id] == nil { first[contact.$partner.id] = contact.name }
                let owners = try await EmployeeDirectory(db: context.db).names(Set(items.compactMap(\.ownerId)), tenantID: context.tenantID)
                return items.map { var item = $0; item.contactName = first[$0.id]; item.ownerName = $0.ownerId.flatMap { owners[$0] }; return item }
            })
    }

    /// A customer's collaborators see it in their list whoever owns it.
    static let collaborating: @Sendable (String, RecordScope) -> SQLQueryString? = { table, scope in
        CustomerCollaborators.condition(table: table, employeeID: scope.employeeID)
    }

    /// Gives the selected customers to another rep (`value`: the employee id), as
    /// `POST /customers/transfer` does one by one.
    static let transfer = ListBulkAction("transfer", label: "partners.bulk.transfer", permission: CustomerOwnership.transfer,
                                         valueKind: "reference") { context, id, value in
        guard let employee = value.flatMap(UUID.init(uuidString:)) else { throw DomainError.invalid([.init("value", "list.bulk_invalid_value")]) }
        _ = try await CustomerOwnership(context: context).transfer(CustomerTransferInput(ids: [id], toEmployeeId: employee))
    }

    /// `notFollowedSince=YYYY-MM-DD`: customers with no follow-up or visit since that day began
    /// (the reader's time zone) — never followed up included, which a `lastActivityAtTo` range
    /// leaves out: "my A customers not visited for 30 days".
    static let notFollowedSince = ListExtraFilter(.date("notFollowedSince"), dayCondition: { value, table, timeZone in
        guard let value else { return nil }
        guard CalendarDay.isValid(value) else { throw DomainError.invalid([.init("notFollowedSince", "request.invalid_date")]) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = value.split(separator: "-").compactMap { Int($0) }
        guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        return "(\(ident: table).\(ident: "last_activity_at") IS NULL OR \(ident: table).\(ident: "last_activity_at") < \(bind: start))"
    })

    /// `archived`: `exclude` (default), `include` or `only`.
    static let archivedFilter = ListExtraFilter(.oneOf("archived", ["exclude", "include", "only"])) { value, table in
        switch value ?? "exclude" {
        case "exclude": return "\(ident: table).\(ident: "archived") = \(bind: false)"
        case "only": return "\(ident: table).\(ident: "archived") = \(bind: true)"
        case "include": return nil
        default: throw DomainError.invalid([.init("archived", "list.invalid_filter")])
        }
    }

    /// Archive (`archive`) or restore (`unarchive`) the selected partners, one by one as the single action.
    static func archive(_ role: PartnerRole, _ archived: Bool) -> ListBulkAction {
        ListBulkAction(archived ? "archive" : "unarchive", label: archived ? "partners.bulk.archive" : "partners.bulk.unarchive",
                       permission: role.writePermission) { context, id, _ in
            _ = try await PartnerArchiving(context: context).set(id, role: role, archived: archived)
        }
    }
}

extension PartnerRole {
    var flagColumn: String {
        switch self {
        case .customer: "is_customer"
        case .supplier: "is_supplier"
        case .carrier: "is_carrier"
        }
    }
}
