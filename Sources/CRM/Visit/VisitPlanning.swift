import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform

/// Planning visits for the acting rep: one at a time, or a saved day's route in visiting order.
struct VisitPlanning: Sendable {
    let context: ServiceContext

    /// - Throws: 403 without ``CRMModule/visit``; 422 `crm.no_employee`, a bad day or purpose;
    ///   404 `customer` outside the rep's scope; 409 `conflict.id_taken`.
    func plan(_ input: VisitInput) async throws -> VisitDTO {
        try context.require(CRMModule.visit)
        let (employee, department) = try CRMActor.employee(context)
        var problems: [DomainError.Field] = []
        let day = Self.day(input.plannedFor, default: context.today(), path: "plannedFor", problems: &problems)
        let purpose = CRMText.line(input.purpose, max: 200, path: "purpose", problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let customer = try await CustomerAccess(context: context).visibleCustomer(input.customerId)
        let visit = Visit.planned(tenantID: context.tenantID, customer: customer.id, owner: employee, department: department, day: day,
                                  sequence: nil, purpose: purpose, by: context.actor.userID)
        let id = try await context.write { db in
            if let id = input.id {
                guard try await Visit.find(id, on: db) == nil else { throw DomainError.idTaken("visit") }
                visit.id = id
            }
            try await visit.create(on: db)
            try await VisitAudit.created(visit, customerName: customer.name, context: context, on: db)
            return try visit.requireID()
        }
        return try await VisitRead(context: context).detail(id)
    }

    /// Saves the day `input.date` as planned visits to `input.customerIds` in that order
    /// (sequence 1, 2, …); visits already planned that day for those customers are renumbered,
    /// not duplicated.
    func saveRoute(_ input: RouteSaveInput) async throws -> [VisitDTO] {
        try context.require(CRMModule.visit)
        let (employee, department) = try CRMActor.employee(context)
        var problems: [DomainError.Field] = []
        let day = Self.day(input.date, default: nil, path: "date", problems: &problems)
        var ids: [UUID] = []
        for id in input.customerIds where !ids.contains(id) { ids.append(id) }
        if ids.isEmpty { problems.append(.init("customerIds", "field.required")) }
        if ids.count > RoutePlanning.maximumStops {
            problems.append(.init("customerIds", "crm.route.too_many", params: ["max": String(RoutePlanning.maximumStops)]))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let customers = try await CustomerAccess(context: context).visibleCustomers(ids)
        let stops = ids
        let tenantID = context.tenantID
        let userID = context.actor.userID
        let visitIDs: [UUID] = try await context.write { db in
            let existing = try await Visit.query(on: db).filter(\.$tenantID == tenantID).filter(\.$ownerID == employee)
                .filter(\.$plannedFor == day).filter(\.$state == "planned").filter(\.$customerID ~~ stops).all()
            var result: [UUID] = []
            for (index, customerID) in stops.enumerated() {
                if let visit = existing.first(where: { $0.customerID == customerID }) {
                    if visit.sequence != index + 1 {
                        visit.sequence = index + 1
                        visit.version += 1
                        try await visit.update(on: db)
                    }
                    result.append(try visit.requireID())
                } else {
                    let visit = Visit.planned(tenantID: tenantID, customer: customerID, owner: employee, department: department, day: day,
                                              sequence: index + 1, purpose: nil, by: userID)
                    try await visit.create(on: db)
                    try await VisitAudit.created(visit, customerName: customers[customerID]?.name ?? "", context: context, on: db)
                    result.append(try visit.requireID())
                }
            }
            return result
        }
        var answers: [VisitDTO] = []
        for id in visitIDs { answers.append(try await VisitRead(context: context).detail(id)) }
        return answers
    }

    /// A `YYYY-MM-DD` day, or `fallback` when absent.
    static func day(_ text: String?, default fallback: String?, path: String, problems: inout [DomainError.Field]) -> String {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            if fallback == nil { problems.append(.init(path, "field.required")) }
            return fallback ?? ""
        }
        guard CalendarDay.isValid(text) else {
            problems.append(.init(path, "request.invalid_date"))
            return ""
        }
        return text
    }
}

extension Visit {
    static func planned(tenantID: UUID, customer: UUID, owner: UUID, department: UUID?, day: String, sequence: Int?, purpose: String?, by: UUID) -> Visit {
        let visit = Visit()
        visit.id = UUID()
        visit.tenantID = tenantID
        visit.customerID = customer
        visit.ownerID = owner
        visit.departmentID = department
        visit.plannedFor = day
        visit.sequence = sequence
        visit.purpose = purpose
        visit.state = "planned"
        visit.far = false
        visit.createdBy = by
        visit.version = 1
        return visit
    }
}
