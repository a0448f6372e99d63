import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/org/employees`: the directory (the shared list ``EmployeeList``: sort, filters, CSV/XLSX
/// export; and the HR CSV export with sensitive fields), an employee's detail
/// and History, and editing. Sensitive HR fields follow the caller's permission on every one
/// of these paths (``EmployeeViews``); search never looks into them.
struct EmployeeController: Sendable {
    /// The filters of the HR CSV export (`export.csv`).
    static let filters: [QueryParameter] = ["q", .uuid("department"), .uuid("position"), .uuid("site"), .oneOf("account", ["active"])]

    func register(_ routes: any RoutesBuilder) {
        routes.list(EmployeeList.definition, "employees", permission: OrganisationModule.read, summary: "The employee directory (search by name)")
        routes.on(.GET, "employees", "export.csv", permission: OrganisationModule.read,
                  summary: "The directory as CSV (same filters; sensitive fields masked unless the caller may read them)",
                  query: Self.filters, use: export)
        routes.on(.GET, "employees", ":id", permission: OrganisationModule.read, summary: "An employee with position, site and HR fields",
                  use: detail)
        routes.on(.GET, "employees", ":id", "history", permission: OrganisationModule.read,
                  summary: "The employee's audit history, newest first (sensitive fields show only that they changed)", use: history)
        routes.on(.PATCH, "employees", ":id", permission: OrganisationModule.manageEmployees,
                  summary: "Change an employee (send the version read; 409 when stale; sensitive fields need org.employee.sensitive.write)",
                  body: EmployeeUpdate.self, use: update)
    }

    @Sendable func export(_ req: Request) async throws -> Response {
        let rows = try await Self.filtered(req).sort(\.$name).sort(\.$id).all()
        let employees = try await EmployeeViews(try req.serviceContext).dtos(rows)
        let header = ["code", "name", "title", "department", "manager", "position", "site", "hire_date", "archived",
                      "national_id", "bank_account", "personal_phone", "home_address", "salary", "salary_currency", "hourly_cost"]
        let lines: [[String?]] = employees.map { e in
            let s = e.sensitive
            return [e.code, e.name, e.title, e.departmentName, e.managerName, e.positionName, e.siteName, e.hireDate, e.archived ? "true" : "false",
                    s?.nationalId, s?.bankAccount, s?.personalPhone, s?.homeAddress, s?.salary, s?.salaryCurrency, s?.hourlyCost]
        }
        return CSVText.response(CSVText.document(header: header, rows: lines), filename: "employees.csv")
    }

    @Sendable func detail(_ req: Request) async throws -> EmployeeDTO {
        try await EmployeeViews(try req.serviceContext).dto(try await Self.requireEmployee(req))
    }

    @Sendable func history(_ req: Request) async throws -> [AuditEntryDTO] {
        let employee = try await Self.requireEmployee(req)
        return try await AuditViewer.history(entity: OrganisationModule.employeeEntity, id: employee.id!, for: req)
    }

    @Sendable func update(_ req: Request) async throws -> EmployeeDTO {
        try await EmployeeEditing(context: try req.serviceContext).update(try req.pathID(entity: "employee"), with: try req.content.decode(EmployeeUpdate.self))
    }

    /// The directory query with the request's filters. `q` matches the name only: the sensitive
    /// fields are sealed, so no one can search by them. `account=active`: only current employees
    /// whose user account is active — the people pickers offer no one who left.
    static func filtered(_ req: Request) throws -> QueryBuilder<Employee> {
        let tenantID = try req.actor.tenantID
        let query = Employee.query(on: req.database).filter(\.$tenantID == tenantID)
        if let account = req.queryText("account") {
            guard account == "active" else { throw DomainError.invalid([.init("account", "org.employee.account_filter_invalid")]) }
            query.filter(\.$archived == false).filter(.sql("""
                \(ident: Employee.schema).\(ident: "user_id") IN (SELECT id FROM \(ident: User.schema) WHERE tenant_id = \(bind: tenantID) AND active = \(bind: true))
                """ as SQLQueryString))
        }
        if let q = req.queryText("q") { query.filter("name", containsLiteral: q) }
        if let department = try req.queryID("department") { query.filter(\.$departmentID == department) }
        if let position = try req.queryID("position") { query.filter(\.$positionID == position) }
        if let site = try req.queryID("site") { query.filter(\.$siteID == site) }
        return query
    }

    static func requireEmployee(_ req: Request) async throws -> Employee {
        let id = try req.pathID(entity: "employee")
        guard let employee = try await EmployeeDirectory(db: req.database).find(id, tenantID: try req.actor.tenantID) else {
            throw DomainError.notFound("employee")
        }
        return employee
    }
}
