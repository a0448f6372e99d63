import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing

/// Roles (issue 3 point 4): built-in and custom roles edited as a permission matrix, several
/// roles per user, and data scopes per role — including chosen departments (point 5).
/// Northwind: Margaret Peacock is a sales user with 156 orders; Sales UK's people took 224.
@Suite("Roles, permission matrix and data scopes")
struct RoleTests {
    static let margaret = "margaret.peacock@northwind.example"
    static let nancy = "nancy.davolio@northwind.example"

    func user(_ email: String, _ admin: APIClient) async throws -> UserDTO {
        try #require(try await admin.get("/api/v1/auth/users?q=\(email)").decode(Page<UserDTO>.self).items.first)
    }

    func role(_ key: String, _ admin: APIClient) async throws -> RoleDTO {
        try #require(try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.key == key })
    }

    @Test("every company has the eight built-in roles; demo users keep theirs; administrator cannot be edited")
    func builtInRoles() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let roles: [RoleDTO] = try await admin.get("/api/v1/auth/roles").decode()
            #expect(roles.map(\.key) == ["administrator", "manager", "sales", "purchasing", "warehouse", "finance", "hr", "employee"])
            #expect(roles.first { $0.key == "administrator" }?.userCount == 1)
            #expect(roles.first { $0.key == "manager" }?.userCount == 1)
            #expect(roles.first { $0.key == "sales" }?.userCount == 7)
            #expect(try await admin.get("/api/v1/auth/me").decode(Me.self).roles == ["administrator"])
            let administrator = try await role("administrator", admin)
            #expect(!administrator.editable)
            let refused = try await admin.send(.PATCH, "/api/v1/auth/roles/\(administrator.id)",
                                               json: RoleUpdate(version: administrator.version, permissions: ["sales.order.read"]))
            #expect(try refused.error.fields?.first?.code == "auth.role_not_editable")
            let catalog: RoleCatalog = try await admin.get("/api/v1/auth/roles/catalog").decode()
            #expect(catalog.scopedResources.map(\.key) == ["partners.customer", "partners.pool", "sales.order", "crm.activity", "crm.lead", "crm.opportunity", "crm.contract", "attendance.record", "leave.request",
                                                          "expenses.claim", "projects.project"])
            #expect(catalog.permissions.contains { $0.key == "sales.order.confirm" && $0.module == "sales" })
            #expect(try await client.signedIn(Self.nancy).get("/api/v1/auth/roles").status == .forbidden)
        }
    }

    @Test("a custom role with a chosen-departments scope; several roles add up")
    func customRoleWithChosenDepartments() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let uk = try #require(try await admin.get("/api/v1/org/departments").decode([DepartmentDTO].self).first { $0.name == "Sales UK" })
            let created = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: "UK order reader", permissions: ["sales.order.read", "sales.report.read"],
                scopes: [RoleScope(resource: "sales.order", level: "departments", departmentIds: [uk.id])]))
            #expect(created.status == .created)
            let reader: RoleDTO = try created.decode()
            #expect(reader.key == "custom-1")
            #expect(reader.scopes.first { $0.resource == "sales.order" }?.departmentIds == [uk.id])
            #expect(reader.scopes.first { $0.resource == "partners.customer" }?.level == "own")

            // Li Na has no employee record, so she owns nothing: she sees exactly what her roles grant.
            let li: NewUserResponse = try await admin.post("/api/v1/auth/users", json: NewUserRequest(
                name: "Li Na", email: "li.na@northwind.example", roles: ["custom-1"])).decode()
            var session = try await client.signedIn("li.na@northwind.example", li.temporaryPassword)
            _ = try await session.post("/api/v1/auth/password", json: ChangePasswordRequest(current: li.temporaryPassword, new: "plum blossom river"))
            session = try await client.signedIn("li.na@northwind.example", "plum blossom river")
            #expect(try await session.get("/api/v1/sales/orders").decode(Page<OrderSummary>.self).total == 224)
            let report: SalesBySalespersonReport = try await session.get("/api/v1/sales/reports/sales-by-salesperson").decode()
            #expect(Set(report.rows.map(\.name)) == ["Steven Buchanan", "Michael Suyama", "Robert King", "Anne Dodsworth"])
            #expect(try await session.post("/api/v1/sales/orders", json: OrderInput(customerId: nil, lines: [])).status == .forbidden)
            #expect(try await session.get("/api/v1/auth/me").decode(Me.self).permissions == ["sales.order.read", "sales.report.read"])

            // Several roles add up: with finance's "all" she sees all 830 orders, and still may not create one.
            let both: UserDTO = try await admin.send(.PATCH, "/api/v1/auth/users/\(li.user.id)",
                                                     json: UserUpdate(version: li.user.version + 1, roles: ["custom-1", "finance"])).decode()
            #expect(both.roles == ["custom-1", "finance"])
            #expect(try await session.get("/api/v1/sales/orders").decode(Page<OrderSummary>.self).total == 830)
            #expect(try await session.post("/api/v1/sales/orders", json: OrderInput(customerId: nil, lines: [])).status == .forbidden)

            // Own records stay visible whatever the scope: Margaret with the reader role sees her own 156 and Sales UK's 224.
            let margaret = try await user(Self.margaret, admin)
            #expect(margaret.roles == ["sales"])
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(margaret.id)", json: UserUpdate(version: margaret.version, roles: ["custom-1"]))
            let hers = try await client.signedIn(Self.margaret)
            #expect(try await hers.get("/api/v1/sales/orders").decode(Page<OrderSummary>.self).total == 380)
        }
    }

    @Test("editing a built-in role takes effect at the next request; reset brings the defaults back; stale versions get 409")
    func editBuiltInRole() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            #expect(try await nancy.get("/api/v1/sales/orders/export.csv").status == .ok)
            let sales = try await role("sales", admin)
            #expect(!sales.customised)
            let fewer = sales.permissions.filter { $0 != "sales.order.export" }
            let edited: RoleDTO = try await admin.send(.PATCH, "/api/v1/auth/roles/\(sales.id)", json: RoleUpdate(
                version: sales.version, permissions: fewer, scopes: [RoleScope(resource: "sales.order", level: "department")])).decode()
            #expect(edited.customised)
            #expect(edited.version == sales.version + 1)
            #expect(try await nancy.get("/api/v1/sales/orders/export.csv").status == .forbidden)
            // Department scope: Nancy now sees Sales USA's orders, not only her own 123.
            #expect(try await nancy.get("/api/v1/sales/orders").decode(Page<OrderSummary>.self).total > 123)

            let stale = try await admin.send(.PATCH, "/api/v1/auth/roles/\(sales.id)", json: RoleUpdate(version: sales.version, requireTwoFactor: true))
            #expect(stale.status == .conflict)
            #expect(try stale.error.code == "conflict.stale_version")

            let reset: RoleDTO = try await admin.send(.PATCH, "/api/v1/auth/roles/\(sales.id)",
                                                      json: RoleUpdate(version: edited.version, resetToDefaults: true)).decode()
            #expect(!reset.customised)
            #expect(reset.permissions == sales.permissions)
            #expect(try await nancy.get("/api/v1/sales/orders/export.csv").status == .ok)
            #expect(try await nancy.get("/api/v1/sales/orders").decode(Page<OrderSummary>.self).total == 123)
            let history: Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?entity=platform.role&record=\(sales.id)").decode()
            #expect(history.total == 2)
        }
    }

    @Test("bad roles are refused with field errors and change nothing")
    func validation() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let before = try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).count
            let bad = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: " ", permissions: ["sales.order.fly"],
                scopes: [RoleScope(resource: "sales.order", level: "departments"), RoleScope(resource: "hr.salary", level: "all"),
                         RoleScope(resource: "partners.customer", level: "galaxy")]))
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.error.fields?.map(\.code) == ["field.required", "auth.unknown_permission", "auth.departments_required",
                                                          "auth.unknown_scope", "auth.unknown_scope"])
            let foreign = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: "Foreign", permissions: [], scopes: [RoleScope(resource: "sales.order", level: "departments", departmentIds: [UUID()])]))
            #expect(try foreign.error.fields?.map(\.code) == ["auth.unknown_department"])
            #expect(try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).count == before)

            let first: RoleDTO = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Auditor", permissions: ["audit.entry.read"])).decode()
            let twin = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "auditor", permissions: []))
            #expect(try twin.error.fields?.map(\.code) == ["auth.role_name_taken"])
            let nancy = try await user(Self.nancy, admin)
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(nancy.id)", json: UserUpdate(version: nancy.version, roles: ["sales", first.key]))
            let inUse = try await admin.send(.PATCH, "/api/v1/auth/roles/\(first.id)", json: RoleUpdate(version: first.version, archived: true))
            #expect(try inUse.error.fields?.map(\.code) == ["auth.role_in_use"])
            let unknown = try await admin.send(.PATCH, "/api/v1/auth/users/\(nancy.id)", json: UserUpdate(version: nancy.version + 1, roles: ["boss"]))
            #expect(try unknown.error.fields?.map(\.code) == ["auth.unknown_role"])
            #expect(try await user(Self.nancy, admin).roles == ["custom-1", "sales"])
            let none = try await admin.send(.PATCH, "/api/v1/auth/users/\(nancy.id)", json: UserUpdate(version: nancy.version + 1, roles: []))
            #expect(try none.error.fields?.map(\.code) == ["field.required"])
            let me = try await admin.get("/api/v1/auth/me").decode(Me.self)
            let own = try await user("andrew.fuller@northwind.example", admin)
            let demote = try await admin.send(.PATCH, "/api/v1/auth/users/\(me.id)", json: UserUpdate(version: own.version, roles: ["sales"]))
            #expect(try demote.error.fields?.map(\.code) == ["auth.cannot_remove_own_administrator"])
        }
    }

    @Test("a role can require two-factor sign-in: its holders must turn it on before anything else, and cannot turn it off")
    func twoFactorRequiredByRole() async throws {
        let clock = ManualClock()
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let sales = try await role("sales", admin)
            _ = try await admin.send(.PATCH, "/api/v1/auth/roles/\(sales.id)", json: RoleUpdate(version: sales.version, requireTwoFactor: true))
            let nancy = try await client.signedIn(Self.nancy)
            #expect(try await nancy.get("/api/v1/auth/me").decode(Me.self).mustEnrolTwoFactor)
            let blocked = try await nancy.get("/api/v1/sales/orders")
            #expect(blocked.status == .forbidden)
            #expect(try blocked.error.code == "auth.two_factor_required")
            let setup: TOTPSetup = try await nancy.send(.POST, "/api/v1/auth/totp/setup").decode()
            let totp = TOTP(secret: Base32.decode(setup.secret)!)
            #expect(try await nancy.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: totp.step(at: clock.now) - 1))).status == .ok)
            #expect(try await nancy.get("/api/v1/sales/orders").status == .ok)
            #expect(try await !nancy.get("/api/v1/auth/me").decode(Me.self).mustEnrolTwoFactor)
            let off = try await nancy.post("/api/v1/auth/totp/disable", json: TOTPCode(code: totp.code(at: clock.now)))
            #expect(off.status == .conflict)
            #expect(try off.error.code == "auth.two_factor_required_by_role")
        }
    }
}
