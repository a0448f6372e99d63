import Foundation
import Platform

/// The organisation Northwind's files imply, since they carry no departments: the employee
/// nobody reports to heads "Sales"; every country gets "Sales <country>" below it, headed by
/// the one member who reports outside it (Steven Buchanan for the UK) or else by the top.
/// Each customer's account manager is the employee who took most of its orders (ties: lower id).
struct NorthwindOrganisation {
    let departments: [DepartmentImport.Record]
    /// Department code by employee code.
    let membership: [String: String]
    /// Account manager's employee code by customer id.
    let accountManagers: [String: String]

    init(employees: [[String: String?]], orders: [[String: String?]]) {
        let root = "NW-DEPT-SALES"
        func code(_ row: [String: String?]) -> String { "NW-EMP-\(row[text: "employee_id"] ?? "")" }
        let top = employees.first { $0[text: "reports_to"] == nil }.map(code)
        var departments = [DepartmentImport.Record(code: root, name: "Sales", parentCode: nil, headCode: top)]
        var membership: [String: String] = [:]
        if let top { membership[top] = root }
        let others = employees.filter { code($0) != top }
        let countries = Array(Set(others.compactMap { $0[text: "country"] })).sorted()
        for country in countries {
            let members = others.filter { $0[text: "country"] == country }
            let memberCodes = Set(members.map(code))
            let reportingOut = members.filter { row in !memberCodes.contains(row[text: "reports_to"].map { "NW-EMP-\($0)" } ?? "") }
            let head = reportingOut.count == 1 ? code(reportingOut[0]) : top
            let department = "NW-DEPT-\(country.uppercased())"
            departments.append(.init(code: department, name: "Sales \(country)", parentCode: root, headCode: head))
            for code in memberCodes { membership[code] = department }
        }
        var counts: [String: [String: Int]] = [:]
        for order in orders {
            guard let customer = order[text: "customer_id"], let employee = order[text: "employee_id"] else { continue }
            counts[customer, default: [:]][employee, default: 0] += 1
        }
        accountManagers = counts.mapValues { byEmployee in
            let best = byEmployee.max { a, b in a.value != b.value ? a.value < b.value : (Int(a.key) ?? 0) > (Int(b.key) ?? 0) }!
            return "NW-EMP-\(best.key)"
        }
        self.departments = departments
        self.membership = membership
    }
}
