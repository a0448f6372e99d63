import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Delegated administration cannot climb (issue 3 point 4): someone who may manage users or
/// roles, without being an administrator, hands out only what they hold themselves.
@Suite("Grant limits")
struct GrantLimitTests {
    static let nancy = "nancy.davolio@northwind.example"
    static let janet = "janet.leverling@northwind.example"

    func user(_ email: String, _ admin: APIClient) async throws -> UserDTO {
        try #require(try await admin.get("/api/v1/auth/users?q=\(email)").decode(Page<UserDTO>.self).items.first)
    }

    @Test("a user clerk cannot make anyone an administrator, touch an administrator or hand out stronger roles")
    func userClerk() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let clerk: RoleDTO = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: "User clerk", permissions: ["auth.user.manage", "auth.role.read"])).decode()
            let nancyRecord = try await user(Self.nancy, admin)
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(nancyRecord.id)", json: UserUpdate(version: nancyRecord.version, roles: ["sales", clerk.key]))
            let nancy = try await client.signedIn(Self.nancy)
            let me = try await user(Self.nancy, admin)

            let climb = try await nancy.send(.PATCH, "/api/v1/auth/users/\(me.id)", json: UserUpdate(version: me.version, roles: ["sales", clerk.key, "administrator"]))
            #expect(try climb.error.fields?.map(\.code) == ["auth.role_not_grantable"])
            let andrew = try await user("andrew.fuller@northwind.example", admin)
            let demote = try await nancy.send(.PATCH, "/api/v1/auth/users/\(andrew.id)", json: UserUpdate(version: andrew.version, active: false))
            #expect(demote.status == .forbidden)
            #expect(try demote.error.code == "auth.user_outranks_you")
            #expect(try await nancy.send(.POST, "/api/v1/auth/users/\(andrew.id)/unlock").status == .forbidden)
            let invite = try await nancy.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "boss@northwind.example", roles: ["administrator"]))
            #expect(try invite.error.fields?.map(\.code) == ["auth.role_not_grantable"])
            let manager = try await nancy.post("/api/v1/auth/users", json: NewUserRequest(name: "Wide", email: "wide@northwind.example", roles: ["manager"]))
            #expect(try manager.error.fields?.map(\.code) == ["auth.role_not_grantable"], "the manager role sees departments, Nancy only her own")
            #expect(try await user("andrew.fuller@northwind.example", admin).active)

            let peer = try await nancy.post("/api/v1/auth/users", json: NewUserRequest(name: "Peer", email: "peer@northwind.example", roles: ["sales"]))
            #expect(peer.status == .created, "a role within her own may be given")
        }
    }

    @Test("a role clerk cannot give a role more than they hold, nor edit a stronger role")
    func roleClerk() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let clerk: RoleDTO = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: "Role clerk", permissions: ["auth.role.read", "auth.role.manage"])).decode()
            let janetRecord = try await user(Self.janet, admin)
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(janetRecord.id)", json: UserUpdate(version: janetRecord.version, roles: ["sales", clerk.key]))
            let janet = try await client.signedIn(Self.janet)

            let mine = try await janet.send(.PATCH, "/api/v1/auth/roles/\(clerk.id)", json: RoleUpdate(
                version: clerk.version, permissions: ["auth.role.read", "auth.role.manage", "auth.user.manage"]))
            #expect(mine.status == .forbidden)
            #expect(try mine.error.code == "auth.role_beyond_own")
            let wide = try await janet.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: "All orders", permissions: ["sales.order.read"], scopes: [RoleScope(resource: "sales.order", level: "all")]))
            #expect(try wide.error.code == "auth.role_beyond_own")
            let finance = try #require(try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.key == "finance" })
            let stronger = try await janet.send(.PATCH, "/api/v1/auth/roles/\(finance.id)", json: RoleUpdate(version: finance.version, requireTwoFactor: true))
            #expect(try stronger.error.code == "auth.role_beyond_own")
            let within = try await janet.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Own order reader", permissions: ["sales.order.read"]))
            #expect(within.status == .created)
        }
    }

    @Test("swapping a role's chosen departments is saved and audited; archiving and renaming follow the rules")
    func scopeSwapAndArchive() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let departments = try await admin.get("/api/v1/org/departments").decode([DepartmentDTO].self)
            let uk = try #require(departments.first { $0.name == "Sales UK" }), usa = try #require(departments.first { $0.name == "Sales USA" })
            let role: RoleDTO = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(
                name: "Region reader", permissions: ["sales.order.read"],
                scopes: [RoleScope(resource: "sales.order", level: "departments", departmentIds: [uk.id])])).decode()
            let swapped: RoleDTO = try await admin.send(.PATCH, "/api/v1/auth/roles/\(role.id)", json: RoleUpdate(
                version: role.version, scopes: [RoleScope(resource: "sales.order", level: "departments", departmentIds: [usa.id])])).decode()
            #expect(swapped.version == role.version + 1)
            #expect(try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.id == role.id }?
                .scopes.first { $0.resource == "sales.order" }?.departmentIds == [usa.id])
            let history: Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?entity=platform.role&record=\(role.id)").decode()
            #expect(history.items.first?.changes["scopes"]?.after?.contains(usa.id.uuidString) == true)

            // A deactivated holder would come back with a role that grants nothing: refused.
            let li: NewUserResponse = try await admin.post("/api/v1/auth/users", json: NewUserRequest(name: "Li", email: "li@northwind.example", roles: [role.key])).decode()
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(li.user.id)", json: UserUpdate(version: li.user.version, active: false))
            let archive = try await admin.send(.PATCH, "/api/v1/auth/roles/\(role.id)", json: RoleUpdate(version: swapped.version, archived: true))
            #expect(try archive.error.fields?.map(\.code) == ["auth.role_in_use"])
            let sales = try #require(try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.key == "sales" })
            let builtIn = try await admin.send(.PATCH, "/api/v1/auth/roles/\(sales.id)", json: RoleUpdate(version: sales.version, name: "Sellers"))
            #expect(try builtIn.error.fields?.map(\.code) == ["auth.builtin_role_fixed"])
            let long = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: String(repeating: "x", count: 61), permissions: []))
            #expect(try long.error.fields?.map(\.code) == ["text.too_long"])
            let sneaky = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Clerk\u{202E}kc", permissions: []))
            #expect(try sneaky.error.fields?.map(\.code) == ["text.control_characters"])
            let reserved = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Administrator", permissions: []))
            #expect(try reserved.error.fields?.map(\.code) == ["auth.role_name_taken"])
            let spaced = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Region\u{00A0}reader", permissions: []))
            #expect(try spaced.error.fields?.map(\.code) == ["auth.role_name_taken"], "a non-breaking space is a space")
        }
    }

    @Test("while two-factor enrolment is pending, the change feed and API tokens are closed too")
    func gateCoversFeedAndTokens() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let sales = try #require(try await admin.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.key == "sales" })
            _ = try await admin.send(.PATCH, "/api/v1/auth/roles/\(sales.id)", json: RoleUpdate(version: sales.version, requireTwoFactor: true))
            #expect(try await nancy.get("/api/v1/sync/changes").error.code == "auth.two_factor_required")
            #expect(try await nancy.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "x", permissions: ["sales.order.read"])).status == .forbidden)
            #expect(try await nancy.get("/api/v1/auth/me").status == .ok)
            #expect(try await nancy.get("/api/v1/auth/sessions").status == .ok)
        }
    }

    @Test("an invitation lapses with its sender; an e-mail taken meanwhile is a clear conflict")
    func invitationEdges() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let clerk: RoleDTO = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Clerk", permissions: ["auth.user.manage"])).decode()
            let nancyRecord = try await user(Self.nancy, admin)
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(nancyRecord.id)", json: UserUpdate(version: nancyRecord.version, roles: ["sales", clerk.key]))
            let nancy = try await client.signedIn(Self.nancy)
            let sent: NewInvitationResponse = try await nancy.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "new@northwind.example", roles: ["sales"])).decode()
            let current = try await user(Self.nancy, admin)
            _ = try await admin.send(.PATCH, "/api/v1/auth/users/\(current.id)", json: UserUpdate(version: current.version, active: false))
            let lapsed = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(code: sent.code, name: "New", password: "lotus pond morning"))
            #expect(lapsed.status == .gone)

            let second: NewInvitationResponse = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "taken@northwind.example", roles: ["sales"])).decode()
            _ = try await admin.post("/api/v1/auth/users", json: NewUserRequest(name: "Taken", email: "taken@northwind.example", roles: ["sales"]))
            let taken = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(code: second.code, name: "T", password: "lotus pond morning"))
            #expect(taken.status == .conflict)
            #expect(try taken.error.code == "auth.invitation_email_taken")
        }
    }
}
