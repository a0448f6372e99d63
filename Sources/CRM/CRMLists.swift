import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import SQLKit

/// The CRM lists on the shared list mechanism: leads, opportunities, visits (DESIGN §1).
enum CRMLists {
    // MARK: Leads

    private struct LeadRow: Decodable {
        let id: UUID, number: String, company: String, contact_name: String?, phone: String?, email: String?, source: String?
        let province_code: String?, city_code: String?, district_code: String?, notes: String?, owner_id: UUID?, state: String
        let invalid_reason: String?, customer_id: UUID?, opportunity_id: UUID?, last_activity_at: Date?, created_at: Date?, version: Int
    }

    /// `crm.leads`: newest first, within the `crm.lead` scope; `q` searches number, company, contact, phone.
    static let leads = ListDefinition<LeadDTO>(
        key: "crm.leads", table: Lead.schema, fileName: "leads",
        columns: [
            ListColumn("number", header: "crm.list.number", kind: .text, expression: "crm_leads.number") { .text($0.number) },
            ListColumn("company", header: "crm.list.company", kind: .text, expression: "crm_leads.company") { .text($0.company) },
            ListColumn("contactName", header: "crm.list.contact", kind: .text, expression: "crm_leads.contact_name") { .of($0.contactName) },
            ListColumn("phone", header: "crm.list.phone", kind: .text, expression: "crm_leads.phone") { .of($0.phone) },
            ListColumn("source", header: "crm.list.source", kind: .text, expression: "crm_leads.source") { .of($0.source) },
            ListColumn("state", header: "crm.list.state", kind: .enumeration, expression: "crm_leads.state", values: Lead.states,
                       valueLabels: "crm.lead.state.") { .text($0.state) },
            ListColumn("ownerName", header: "crm.list.owner", kind: .reference, filterExpression: "crm_leads.owner_id", parameterNames: ["owner"]) { .of($0.ownerName) },
            ListColumn("lastActivityAt", header: "crm.list.last_activity", kind: .instant, expression: "crm_leads.last_activity_at") {
                $0.lastActivityAt.map(ListCell.instant) ?? .empty
            },
            ListColumn("createdAt", header: "crm.list.created", kind: .instant, expression: "crm_leads.created_at") { $0.createdAt.map(ListCell.instant) ?? .empty },
        ],
        defaultColumns: ["number", "company", "contactName", "phone", "state", "ownerName", "lastActivityAt"],
        defaultSort: [ListSort("createdAt", descending: true)],
        scope: ListScopeRule(resource: CRMModule.leadResource, employee: "owner_id", createdBy: nil),
        conditions: [], extraFilters: [.search()], bulkActions: [],
        select: { $0.column(SQLColumn("*", table: Lead.schema)) },
        decode: { row in
            let r = try row.decode(model: LeadRow.self, keyDecodingStrategy: .useDefaultKeys)
            return LeadDTO(id: r.id, number: r.number, company: r.company, contactName: r.contact_name, phone: r.phone, email: r.email, source: r.source,
                           provinceCode: r.province_code, cityCode: r.city_code, districtCode: r.district_code,
                           divisionName: AdminDivisionsCN.fullName(province: r.province_code, city: r.city_code, district: r.district_code), notes: r.notes,
                           ownerId: r.owner_id, ownerName: nil, state: r.state, invalidReason: r.invalid_reason, customerId: r.customer_id,
                           opportunityId: r.opportunity_id, lastActivityAt: r.last_activity_at, createdAt: r.created_at, version: r.version)
        },
        finish: { items, context in
            let names = try await EmployeeDirectory(db: context.db).names(Set(items.compactMap(\.ownerId)), tenantID: context.tenantID)
            return items.map { var item = $0; item.ownerName = $0.ownerId.flatMap { names[$0] }; return item }
        })

    // MARK: Opportunities

    private struct OpportunityRow: Decodable {
        let id: UUID
    }

    /// `crm.opportunities`: by expected close date, within the `crm.opportunity` scope; filter
    /// `state=open|won|lost`, `stage=<id>`, `customer=<id>`, `owner=<id>`.
    static let opportunities = ListDefinition<OpportunityDTO>(
        key: "crm.opportunities", table: Opportunity.schema, fileName: "opportunities",
        columns: [
            ListColumn("number", header: "crm.list.number", kind: .text, expression: "crm_opportunities.number") { .text($0.number) },
            ListColumn("name", header: "crm.list.name", kind: .text, expression: "crm_opportunities.name") { .text($0.name) },
            ListColumn("customerName", header: "crm.list.customer", kind: .reference, filterExpression: "crm_opportunities.customer_id",
                       parameterNames: ["customer"]) { .text($0.customerName) },
            ListColumn("stageName", header: "crm.list.stage", kind: .reference, filterExpression: "crm_opportunities.stage_id",
                       parameterNames: ["stage"]) { .text($0.stageName) },
            ListColumn("state", header: "crm.list.state", kind: .enumeration, expression: "crm_opportunities.state", values: ["open", "won", "lost"],
                       valueLabels: "crm.opportunity.state.") { .text($0.state) },
            ListColumn("amount", header: "crm.list.amount", kind: .money, expression: "crm_opportunities.amount", scale: 2) { .number($0.amount) },
            ListColumn("expectedCloseDate", header: "crm.list.expected_close", kind: .day, expression: "crm_opportunities.expected_close") {
                $0.expectedCloseDate.map(ListCell.day) ?? .empty
            },
            ListColumn("ownerName", header: "crm.list.owner", kind: .reference, filterExpression: "crm_opportunities.owner_id",
                       parameterNames: ["owner"]) { .of($0.ownerName) },
        ],
        defaultColumns: ["number", "name", "customerName", "stageName", "amount", "expectedCloseDate", "ownerName"],
        defaultSort: [ListSort("expectedCloseDate")],
        scope: ListScopeRule(resource: CRMModule.opportunityResource, employee: "owner_id", createdBy: nil),
        conditions: [], extraFilters: [ListExtraFilter("q") { value, table in value.map { SQLContains.condition(table: table, column: "name", text: $0.lowercased()) } }],
        bulkActions: [],
        select: { $0.column(SQLColumn("id", table: Opportunity.schema)) },
        decode: { row in
            let r = try row.decode(model: OpportunityRow.self, keyDecodingStrategy: .useDefaultKeys)
            return OpportunityDTO(id: r.id, number: "", name: "", customerId: r.id, customerName: "", stageId: r.id, stageName: "", probability: 0,
                                  state: "", amount: "", weightedAmount: "", currency: "", expectedCloseDate: nil, competitors: [], lostReason: nil,
                                  lines: [], orderId: nil, leadId: nil, ownerId: r.id, ownerName: nil, closedAt: nil, createdAt: nil, version: 0)
        },
        finish: { items, context in
            // The page's ids, read whole through the one reader that shapes opportunities.
            let rows = try await Opportunity.query(on: context.db).filter(\.$id ~~ items.map(\.id)).all()
            let byID = Dictionary(uniqueKeysWithValues: try await OpportunityRead.dtos(rows, db: context.db, tenantID: context.tenantID, withLines: false)
                .map { ($0.id, $0) })
            return items.compactMap { byID[$0.id] }
        })

    // MARK: Visits

    private struct VisitRow: Decodable {
        let id: UUID
    }

    /// `crm.visits`: by day then route order, within the `crm.activity` scope; filter
    /// `plannedForFrom`/`plannedForTo`, `state`, `customer`, `owner`.
    static let visits = ListDefinition<VisitDTO>(
        key: "crm.visits", table: Visit.schema, fileName: "visits",
        columns: [
            ListColumn("plannedFor", header: "crm.list.day", kind: .day, expression: "crm_visits.planned_for") { .day($0.plannedFor) },
            ListColumn("sequence", header: "crm.list.sequence", kind: .number, expression: "crm_visits.sequence") { $0.sequence.map { .number(String($0)) } ?? .empty },
            ListColumn("customerName", header: "crm.list.customer", kind: .reference, filterExpression: "crm_visits.customer_id",
                       parameterNames: ["customer"]) { .text($0.customerName) },
            ListColumn("state", header: "crm.list.state", kind: .enumeration, expression: "crm_visits.state",
                       values: ["planned", "in_progress", "done", "cancelled"], valueLabels: "crm.visit.state.") { .text($0.state) },
            ListColumn("distanceMeters", header: "crm.list.distance", kind: .number, expression: "crm_visits.distance_m") {
                $0.distanceMeters.map { .number(String($0)) } ?? .empty
            },
            ListColumn("far", header: "crm.list.far", kind: .boolean, expression: "crm_visits.far") { .text($0.far ? "✓" : "") },
            ListColumn("durationMinutes", header: "crm.list.duration", kind: .number, expression: "crm_visits.duration_minutes") {
                $0.durationMinutes.map { .number(String($0)) } ?? .empty
            },
            ListColumn("ownerName", header: "crm.list.owner", kind: .reference, filterExpression: "crm_visits.owner_id", parameterNames: ["owner"]) { .of($0.ownerName) },
        ],
        defaultColumns: ["plannedFor", "sequence", "customerName", "state", "distanceMeters", "far", "ownerName"],
        defaultSort: [ListSort("plannedFor", descending: true), ListSort("sequence")],
        scope: ListScopeRule(resource: CRMModule.activityResource, employee: "owner_id", createdBy: nil),
        conditions: [], extraFilters: [], bulkActions: [],
        select: { $0.column(SQLColumn("id", table: Visit.schema)) },
        decode: { row in
            let r = try row.decode(model: VisitRow.self, keyDecodingStrategy: .useDefaultKeys)
            return VisitDTO(id: r.id, customerId: r.id, customerName: "", ownerId: r.id, ownerName: nil, plannedFor: "", sequence: nil, purpose: nil,
                            state: "", checkInAt: nil, checkInDeviceAt: nil, checkInLatitude: nil, checkInLongitude: nil, distanceMeters: nil, far: false,
                            photoFileId: nil, checkOutAt: nil, durationMinutes: nil, summary: nil, version: 0)
        },
        finish: { items, context in
            let rows = try await Visit.query(on: context.db).filter(\.$id ~~ items.map(\.id)).all()
            let byID = Dictionary(uniqueKeysWithValues: try await VisitRead.dtos(rows, db: context.db, tenantID: context.tenantID).map { ($0.id, $0) })
            return items.compactMap { byID[$0.id] }
        })
}
