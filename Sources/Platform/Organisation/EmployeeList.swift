import AfieldAPI
import Fluent
import Foundation
import SQLKit

/// The employee directory (`GET /api/v1/org/employees`) on the shared list mechanism (issue 9
/// point 1): by name (then id); sort by name, code, title, department, position, site, manager
/// or hire date; filter by each, by `q` (the name contains) and `account=active` (current
/// employees whose account is active: what the people pickers offer). Every employee of the
/// company, as before, for holders of `org.read`. Sensitive HR fields are never columns: the
/// items carry them masked or in full by the reader's `org.employee.sensitive.read`
/// (``EmployeeViews``), and the export never has them.
enum EmployeeList {
    private struct Row: Decodable {
        let id: UUID
        let name: String
    }

    static let table = Employee.schema

    /// The name of the row referenced by `column` in `other` (trusted SQL), for sorting by it.
    private static func name(of other: String, by column: String) -> String {
        "(SELECT \(other)_ref.name FROM \(other) \(other)_ref WHERE \(other)_ref.id = employees.\(column))"
    }

    /// `account=active`: current employees whose user account is active.
    static let accountFilter = ListExtraFilter(.oneOf("account", ["active"])) { value, table in
        guard let value else { return nil }
        guard value == "active" else { throw DomainError.invalid([.init("account", "org.employee.account_filter_invalid")]) }
        return """
            \(ident: table).\(ident: "archived") = \(bind: false) AND \(ident: table).\(ident: "user_id") IN \
            (SELECT id FROM \(ident: User.schema) WHERE tenant_id = \(ident: table).\(ident: "tenant_id") AND active = \(bind: true))
            """
    }

    static let definition = ListDefinition<EmployeeDTO>(
        key: "org.employees", table: table, fileName: "employees",
        columns: [
            ListColumn("name", header: "employees.list.name", kind: .text, expression: "employees.name") { .text($0.name) },
            ListColumn("code", header: "employees.list.code", kind: .text, expression: "employees.code") { .of($0.code) },
            ListColumn("title", header: "employees.list.title", kind: .text, expression: "employees.title") { .of($0.title) },
            ListColumn("departmentName", header: "employees.list.department", kind: .reference, expression: name(of: Department.schema, by: "department_id"),
                       filterExpression: "employees.department_id", parameterNames: ["department"]) { .of($0.departmentName) },
            ListColumn("positionName", header: "employees.list.position", kind: .reference, expression: name(of: Position.schema, by: "position_id"),
                       filterExpression: "employees.position_id", parameterNames: ["position"]) { .of($0.positionName) },
            ListColumn("siteName", header: "employees.list.site", kind: .reference, expression: name(of: Site.schema, by: "site_id"),
                       filterExpression: "employees.site_id", parameterNames: ["site"]) { .of($0.siteName) },
            ListColumn("managerName", header: "employees.list.manager", kind: .reference,
                       expression: "(SELECT manager_ref.name FROM employees manager_ref WHERE manager_ref.id = employees.manager_id)",
                       filterExpression: "employees.manager_id", parameterNames: ["manager"]) { .of($0.managerName) },
            ListColumn("hireDate", header: "employees.list.hire_date", kind: .day, expression: "employees.hire_date") { $0.hireDate.map(ListCell.day) ?? .empty },
            ListColumn("archived", header: "employees.list.archived", kind: .boolean, expression: "employees.archived",
                       valueLabels: "employees.list.archived.") {
                .text($0.archived ? "true" : "false")
            },
        ],
        defaultColumns: ["name", "title", "departmentName", "positionName", "siteName", "managerName", "hireDate"],
        defaultSort: [ListSort("name")],
        extraFilters: [
            ListExtraFilter("q") { value, table in value.map { SQLContains.condition(table: table, column: "name", text: $0) } },
            accountFilter,
        ],
        select: { query in query.column(SQLColumn("id", table: table)).column(SQLColumn("name", table: table)) },
        decode: { row in
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return EmployeeDTO(id: r.id, name: r.name, title: nil, departmentId: nil, departmentName: nil, managerId: nil, managerName: nil,
                               userId: nil, hireDate: nil, archived: false)
        },
        finish: { items, context in
            // The page's employees as the directory has always shown them (names of their
            // department, position, site and manager; sensitive fields by permission).
            let ids = items.map(\.id)
            let rows = try await Employee.query(on: context.db).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { e in e.id.map { ($0, e) } })
            let views = EmployeeViews(context)
            return try await views.dtos(ids.compactMap { byID[$0] })
        })

    /// Headers of the columns: `employees.list.*`, not `org.*` (the web app translates every `org.*` code as an error).
    static let messages: [String: MessageCatalog.Entry] = [
        "employees.list.name": .init(en: "Name", zhCN: "姓名"),
        "employees.list.code": .init(en: "Employee no.", zhCN: "工号"),
        "employees.list.title": .init(en: "Title", zhCN: "职务"),
        "employees.list.department": .init(en: "Department", zhCN: "部门"),
        "employees.list.position": .init(en: "Position", zhCN: "岗位"),
        "employees.list.site": .init(en: "Site", zhCN: "办公地点"),
        "employees.list.manager": .init(en: "Manager", zhCN: "直属上级"),
        "employees.list.hire_date": .init(en: "Hire date", zhCN: "入职日期"),
        "employees.list.archived": .init(en: "Archived", zhCN: "已归档"),
        "employees.list.archived.true": .init(en: "Yes", zhCN: "是"),
        "employees.list.archived.false": .init(en: "No", zhCN: "否"),
    ]
}
