import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import Testing

/// Editing employees (issue 3, platform): name, title, department, manager, position, site and
/// linked user, with versions and a before/after audit entry.
@Suite("Employee editing")
struct EmployeeEditTests {
    static func employee(_ api: APIClient, _ name: String) async throws -> EmployeeDTO {
        let q = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let page: AfieldAPI.Page<EmployeeDTO> = try await api.get("/api/v1/org/employees?q=\(q)").decode()
        return try #require(page.items.first { $0.name == name })
    }

    @Test("changes title, department, manager, position and site with the version read; History shows before and after; stale → 409")
    func edit() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let robert = try await Self.employee(api, "Robert King")
            let andrew = try await Self.employee(api, "Andrew Fuller")
            #expect(robert.positionName == "Sales Representative")
            #expect(robert.siteName == "London")
            let departments: [DepartmentDTO] = try await api.get("/api/v1/org/departments").decode()
            let usa = try #require(departments.first { $0.name == "Sales USA" })
            let seattle = try #require(try await api.get("/api/v1/org/sites").decode([SiteDTO].self).first { $0.name == "Seattle" })
            let keyAccounts: PositionDTO = try await api.post("/api/v1/org/positions", json: PositionInput(name: "Key Account Manager")).decode()

            let answer = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(
                version: robert.version, name: "Robert King", title: "Key Account Manager",
                departmentId: usa.id, managerId: andrew.id, positionId: keyAccounts.id, siteId: seattle.id))
            #expect(answer.status == .ok, "\(answer.text)")
            let moved: EmployeeDTO = try answer.decode()
            #expect(moved.title == "Key Account Manager")
            #expect(moved.departmentName == "Sales USA")
            #expect(moved.managerName == "Andrew Fuller")
            #expect(moved.positionName == "Key Account Manager")
            #expect(moved.siteName == "Seattle")
            #expect(moved.version == robert.version! + 1)
            let detail: EmployeeDTO = try await api.get("/api/v1/org/employees/\(robert.id)").decode()
            #expect(detail.siteId == seattle.id && detail.positionId == keyAccounts.id)

            let history: [AuditEntryDTO] = try await api.get("/api/v1/org/employees/\(robert.id)/history").decode()
            let latest = try #require(history.first)
            #expect(latest.action == "update")
            #expect(latest.changes["title"] == .init(before: "Sales Representative", after: "Key Account Manager"))
            #expect(latest.changes["department_id"]?.after == usa.id.uuidString)
            #expect(latest.changes["manager_id"] == .init(before: robert.managerId?.uuidString, after: andrew.id.uuidString))
            #expect(latest.changes["site_id"] == .init(before: robert.siteId?.uuidString, after: seattle.id.uuidString))
            #expect(latest.changes["name"] == nil, "an unchanged name is not recorded")
            #expect(latest.source == "api")

            let stale = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(version: robert.version, title: "X"))
            #expect(stale.status == .conflict)
            #expect(try stale.decode(StaleAnswer<EmployeeDTO>.self).current.title == "Key Account Manager")

            let cleared: EmployeeDTO = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(
                version: moved.version, title: "", clearManager: true, clearPosition: true, clearSite: true)).decode()
            #expect(cleared.title == nil && cleared.managerId == nil && cleared.positionId == nil && cleared.siteId == nil)
            let same: EmployeeDTO = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                                       json: EmployeeUpdate(version: cleared.version, clearSite: true)).decode()
            #expect(same.version == cleared.version, "nothing to change: no new version")
        }
    }

    @Test("refuses a reporting loop, unknown or archived links and a user already linked, and changes nothing")
    func refusals() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let andrew = try await Self.employee(api, "Andrew Fuller")
            let steven = try await Self.employee(api, "Steven Buchanan")
            let robert = try await Self.employee(api, "Robert King")
            let nancy = try await Self.employee(api, "Nancy Davolio")
            let auditBefore = try await AuditEntry.query(on: app.db).count()

            // Robert reports to Steven, who reports to Andrew: Andrew cannot report to Robert, nor anyone to themselves.
            let loop = try await api.send(.PATCH, "/api/v1/org/employees/\(andrew.id)", json: EmployeeUpdate(version: andrew.version, managerId: robert.id))
            #expect(try loop.error.fields?.map { "\($0.field) \($0.code)" } == ["managerId org.employee.manager_cycle"])
            let itself = try await api.send(.PATCH, "/api/v1/org/employees/\(steven.id)", json: EmployeeUpdate(version: steven.version, managerId: steven.id))
            #expect(try itself.error.fields?.map(\.code) == ["org.employee.manager_cycle"])

            let closed: DepartmentDTO = try await api.post("/api/v1/org/departments", json: DepartmentInput(name: "Closed")).decode()
            _ = try await api.send(.PATCH, "/api/v1/org/departments/\(closed.id)", json: DepartmentUpdate(version: closed.version, archived: true))
            let old: PositionDTO = try await api.post("/api/v1/org/positions", json: PositionInput(name: "Old job")).decode()
            _ = try await api.send(.PATCH, "/api/v1/org/positions/\(old.id)", json: PositionUpdate(version: old.version, archived: true))
            let auditSetUp = try await AuditEntry.query(on: app.db).count()
            let bad = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(
                version: robert.version, name: " ", departmentId: closed.id, managerId: UUID(), positionId: old.id, siteId: UUID(),
                userId: nancy.userId))
            #expect(bad.status == .unprocessableEntity)
            let codes = Dictionary(uniqueKeysWithValues: try bad.error.fields!.map { ($0.field, $0.code) })
            #expect(codes == ["name": "field.required", "departmentId": "org.department.archived", "managerId": "org.employee.unknown",
                              "positionId": "org.position.unknown", "siteId": "org.site.unknown", "userId": "org.employee.user_taken"])
            let unknownUser = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(version: robert.version, userId: UUID()))
            #expect(try unknownUser.error.fields?.map(\.code) == ["org.employee.user_unknown"])
            let zh = try await api.inLanguage("zh-CN").send(.PATCH, "/api/v1/org/employees/\(andrew.id)",
                                                            json: EmployeeUpdate(version: andrew.version, managerId: robert.id))
            #expect(try zh.error.fields?.first?.message == "员工不能向自己或其下属汇报。")

            let unchanged = try await Self.employee(api, "Robert King")
            #expect(unchanged.version == robert.version && unchanged.name == "Robert King")
            #expect(try await AuditEntry.query(on: app.db).count() == auditSetUp, "refused edits are not audited, nothing changed")
            #expect(auditSetUp > auditBefore)

            // Unlink and link again the user account Robert signs in with.
            let unlinked: EmployeeDTO = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                                           json: EmployeeUpdate(version: robert.version, clearUser: true)).decode()
            #expect(unlinked.userId == nil)
            let linked: EmployeeDTO = try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                                         json: EmployeeUpdate(version: unlinked.version, userId: robert.userId)).decode()
            #expect(linked.userId == robert.userId)

            let sales = try await client.signedIn("nancy.davolio@northwind.example")
            let forbidden = try await sales.send(.PATCH, "/api/v1/org/employees/\(nancy.id)", json: EmployeeUpdate(version: nancy.version, title: "Boss"))
            #expect(forbidden.status == .forbidden)
        }
    }
}
