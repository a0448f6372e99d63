import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Organisation (issue 3 point 2): the Northwind demo's departments and managers, and the
/// department tree's rules.
@Suite("Organisation")
struct OrganisationTests {
    @Test("Northwind gets Sales with Sales UK and Sales USA below it, heads and managers from its data")
    func northwindOrganisation() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let departments: [DepartmentDTO] = try await api.get("/api/v1/org/departments").decode()
            #expect(departments.map(\.name).sorted() == ["Sales", "Sales UK", "Sales USA"])
            let sales = try #require(departments.first { $0.name == "Sales" })
            let uk = try #require(departments.first { $0.name == "Sales UK" })
            #expect(sales.parentId == nil)
            #expect(uk.parentId == sales.id)
            #expect(sales.headName == "Andrew Fuller")
            #expect(uk.headName == "Steven Buchanan")
            #expect(uk.memberCount == 4)
            let chart: [OrgChartNode] = try await api.get("/api/v1/org/chart").decode()
            #expect(chart.map(\.name) == ["Andrew Fuller"])
            let steven = try #require(chart[0].reports.first { $0.name == "Steven Buchanan" })
            #expect(steven.reports.map(\.name).sorted() == ["Anne Dodsworth", "Michael Suyama", "Robert King"])
            let ukPeople: Page<EmployeeDTO> = try await api.get("/api/v1/org/employees?department=\(uk.id)").decode()
            #expect(ukPeople.total == 4)
            #expect(ukPeople.items.first { $0.name == "Robert King" }?.managerName == "Steven Buchanan")
        }
    }

    @Test("add, rename, move, refuse a loop, archive only when empty, stale versions get 409")
    func treeRules() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let departments: [DepartmentDTO] = try await api.get("/api/v1/org/departments").decode()
            let sales = departments.first { $0.name == "Sales" }!
            let usa = departments.first { $0.name == "Sales USA" }!
            let created = try await api.post("/api/v1/org/departments", json: DepartmentInput(name: "Key Accounts", parentId: usa.id))
            #expect(created.status == .created)
            let keys: DepartmentDTO = try created.decode()
            #expect(keys.parentId == usa.id)
            let renamed: DepartmentDTO = try await api.send(.PATCH, "/api/v1/org/departments/\(keys.id)",
                                                            json: DepartmentUpdate(version: keys.version, name: "Key Accounts USA")).decode()
            #expect(renamed.name == "Key Accounts USA")
            let loop = try await api.send(.PATCH, "/api/v1/org/departments/\(sales.id)", json: DepartmentUpdate(version: sales.version, parentId: keys.id))
            #expect(loop.status == .unprocessableEntity)
            #expect(try loop.error.fields?.first?.code == "org.department.cycle")
            let moved: DepartmentDTO = try await api.send(.PATCH, "/api/v1/org/departments/\(keys.id)",
                                                          json: DepartmentUpdate(version: renamed.version, parentId: sales.id)).decode()
            #expect(moved.parentId == sales.id)
            let stale = try await api.send(.PATCH, "/api/v1/org/departments/\(keys.id)", json: DepartmentUpdate(version: renamed.version, name: "X"))
            #expect(stale.status == .conflict)
            let full = try await api.send(.PATCH, "/api/v1/org/departments/\(usa.id)", json: DepartmentUpdate(version: usa.version, archived: true))
            #expect(try full.error.fields?.first?.code == "org.department.not_empty")
            let archived: DepartmentDTO = try await api.send(.PATCH, "/api/v1/org/departments/\(keys.id)",
                                                             json: DepartmentUpdate(version: moved.version, archived: true)).decode()
            #expect(archived.archived)
            let headless: DepartmentDTO = try await api.send(.PATCH, "/api/v1/org/departments/\(usa.id)",
                                                             json: DepartmentUpdate(version: usa.version, clearHead: true)).decode()
            #expect(headless.headId == nil)
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.post("/api/v1/org/departments", json: DepartmentInput(name: "Mine")).status == .forbidden)
            #expect(try await nancy.get("/api/v1/org/departments").status == .ok)
        }
    }
}
