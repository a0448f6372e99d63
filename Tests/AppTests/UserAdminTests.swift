import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Users (issue 3 point 3) and scoped API tokens (point 7).
@Suite("Users and API tokens")
struct UserAdminTests {
    @Test("an administrator creates a user; the temporary password must be changed before anything else")
    func temporaryPassword() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let created = try await admin.post("/api/v1/auth/users", json: NewUserRequest(name: "Li Na", email: "li.na@northwind.example", roles: ["sales"]))
            #expect(created.status == .created)
            let new: NewUserResponse = try created.decode()
            #expect(new.user.mustChangePassword)
            let li = try await client.signedIn("li.na@northwind.example", new.temporaryPassword)
            #expect(try await li.get("/api/v1/auth/me").decode(Me.self).mustChangePassword)
            let blocked = try await li.get("/api/v1/sales/orders")
            #expect(blocked.status == .forbidden)
            #expect(try blocked.error.code == "auth.password_change_required")
            #expect(try await li.post("/api/v1/auth/password", json: ChangePasswordRequest(current: new.temporaryPassword, new: "plum blossom river")).status
                    == .noContent)
            #expect(try await li.get("/api/v1/sales/orders").status == .ok)
            let duplicate = try await admin.post("/api/v1/auth/users", json: NewUserRequest(name: "Li Na", email: "li.na@northwind.example", roles: ["sales"]))
            #expect(try duplicate.error.fields?.map(\.code) == ["auth.email_taken"])
            let unknownRole = try await admin.post("/api/v1/auth/users", json: NewUserRequest(name: "Wu", email: "wu@northwind.example", roles: ["boss"]))
            #expect(try unknownRole.error.fields?.map(\.code) == ["auth.unknown_role"])
        }
    }

    @Test("deactivating revokes sessions and tokens at once and refuses sign-in; the history keeps the name")
    func deactivation() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let token: NewTokenResponse = try await nancy.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "bridge", permissions: ["sales.order.read"]))
                .decode()
            var integration = client
            integration.token = token.token
            #expect(try await integration.get("/api/v1/sales/orders").status == .ok)
            let users: Page<UserDTO> = try await admin.get("/api/v1/auth/users?q=nancy.davolio@").decode()
            let record = try #require(users.items.first)
            let updated: UserDTO = try await admin.send(.PATCH, "/api/v1/auth/users/\(record.id)", json: UserUpdate(version: record.version, active: false))
                .decode()
            #expect(!updated.active)
            #expect(try await nancy.get("/api/v1/auth/me").status == .unauthorized)
            #expect(try await integration.get("/api/v1/sales/orders").status == .unauthorized)
            let again = try await client.post("/api/v1/auth/login", json: LoginRequest(email: "nancy.davolio@northwind.example", password: demoPassword))
            #expect(try again.error.code == "auth.user_inactive")
            let hers: Page<OrderSummary> = try await admin.get("/api/v1/sales/orders?limit=1&salesperson=\(try #require(updated.id as UUID?))").decode()
            _ = hers
            let orders: Page<OrderSummary> = try await admin.get("/api/v1/sales/orders?q=10258").decode()
            #expect(orders.items.first?.salespersonName == "Nancy Davolio")
            let me = try await admin.send(.PATCH, "/api/v1/auth/users/\(try await admin.get("/api/v1/auth/me").decode(Me.self).id)",
                                          json: UserUpdate(version: 1, active: false))
            #expect(me.status == .unprocessableEntity || me.status == .conflict)
        }
    }

    @Test("an API token is limited to the permissions it was made for, never more than its user's")
    func scopedTokens() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let refused = try await nancy.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "too much", permissions: ["auth.user.manage"]))
            #expect(try refused.error.fields?.first?.code == "auth.permission_not_held")
            let token: NewTokenResponse = try await nancy.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "read only", permissions: ["sales.order.read"], days: 7))
                .decode()
            var integration = client
            integration.token = token.token
            #expect(try await integration.get("/api/v1/sales/orders").decode(Page<OrderSummary>.self).total == 123, "the user's data scope still applies")
            #expect(try await integration.get("/api/v1/partners/customers").status == .forbidden)
            #expect(try await integration.post("/api/v1/sales/orders", json: OrderInput(customerId: nil, lines: [])).status == .forbidden)
            let sessions: [SessionInfo] = try await nancy.get("/api/v1/auth/sessions").decode()
            #expect(sessions.contains { $0.kind == "api" })
        }
    }
}
