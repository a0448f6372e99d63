import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/auth/users` for administrators, and `/api/v1/auth/tokens` for integrations.
struct UserAdminController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.list(UserList.definition, "users", permission: IdentityModule.manageUsers, summary: "Users of the company (search by name or e-mail)")
        routes.on(.POST, "users", permission: IdentityModule.manageUsers,
                  summary: "Create a user with a one-time temporary password (changed at first sign-in)", body: NewUserRequest.self,
                  status: .created, use: create)
        routes.on(.PATCH, "users", ":id", permission: IdentityModule.manageUsers,
                  summary: "Rename, change the roles of, deactivate or reactivate a user (send the version read)", body: UserUpdate.self,
                  use: update)
        routes.on(.POST, "tokens", permission: .ownAccount,
                  summary: "Create an API token limited to some of own permissions (role permissions and personal ones such as approvals.inbox.act)",
                  body: NewTokenRequest.self, status: .created, use: createToken)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(NewUserRequest.self)
        let temporary = Self.temporaryPassword()
        let problems = IdentityService.problems(email: body.email, name: body.name, password: temporary)
        let roleKeys = body.roles
        let app = req.application
        try await GrantLimits(actor: actor).requireGrantable(roleKeys, tenantID: actor.tenantID, field: "roles", application: app, on: req.database)
        let hasher = req.passwordHasher
        let hash = try await IdentityService(db: req.database, hasher: hasher).hash(temporary)
        let pending = problems
        let user = try await req.write { db in
            let user = try await IdentityService(db: db, hasher: hasher).createUser(
                tenantID: actor.tenantID, email: body.email, name: body.name, passwordHash: hash, roles: roleKeys, pendingProblems: pending)
            user.mustChangePassword = true
            try await user.save(on: db)
            if let employee = body.employeeId {
                guard let linked = try await Employee.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == employee).first(),
                      linked.userID == nil
                else { throw DomainError.invalid([.init("employeeId", "org.employee.unknown")]) }
                linked.userID = user.id
                try await linked.save(on: db)
            }
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "create", changes: user.auditFields(roles: roleKeys.sorted()),
                                      context: audit, on: db)
            return user
        }
        let response = Response(status: .created)
        try response.content.encode(NewUserResponse(user: user.dto(roles: Array(Set(roleKeys)).sorted()), temporaryPassword: temporary),
                                    using: JSONEncoder.afield)
        return response
    }

    @Sendable func update(_ req: Request) async throws -> UserDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "user")
        let body = try req.content.decode(UserUpdate.self)
        guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let limits = GrantLimits(actor: actor)
        let app = req.application
        return try await req.write { db in
            guard let user = try await User.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first()
            else { throw DomainError.notFound("user") }
            try await limits.requireManageable(userID: id, tenantID: actor.tenantID, application: app, on: db)
            let heldRoles = try await RoleAssignment.keys(of: id, on: db)
            guard user.version == version else { throw DomainError.staleVersion("user", current: user.dto(roles: heldRoles)) }
            var changes = AuditChanges()
            var roles = heldRoles
            if body.name != nil {
                switch TextInput.name(body.name, max: TextInput.personNameMax) {
                case .failure(let problem): throw DomainError.invalid([problem.field("name")])
                case .success(let name):
                    if let name, name != user.name {
                        changes.set("name", user.name, name)
                        user.name = name
                    }
                }
            }
            if let wanted = body.roles, Set(wanted) != Set(heldRoles) {
                let administrator = BuiltInRole.administrator.key
                if id == actor.userID, heldRoles.contains(administrator), !wanted.contains(administrator) {
                    throw DomainError.invalid([.init("roles", "auth.cannot_remove_own_administrator")])
                }
                try await limits.requireGrantable(wanted, tenantID: actor.tenantID, field: "roles", application: app, on: db)
                roles = try await RoleAssignment.replace(userID: id, tenantID: actor.tenantID, keys: wanted, on: db)
                changes.set("roles", heldRoles.joined(separator: " "), roles.joined(separator: " "))
            }
            var deactivated = false
            if let active = body.active, active != user.active {
                if id == actor.userID { throw DomainError.invalid([.init("active", "auth.cannot_deactivate_self")]) }
                changes.set("active", user.active, active)
                user.active = active
                deactivated = !active
            }
            guard !changes.isEmpty else { return user.dto(roles: roles) }
            user.version += 1
            try await user.save(on: db)
            if user.active == false {
                // Deactivation takes effect at once: every session and API token stops working.
                try await UserSession.query(on: db).filter(\.$userID == id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
            }
            if deactivated {
                // Their open work (approval tasks, …) moves on in this transaction.
                try await app.userDeactivation.deactivated(id, tenantID: actor.tenantID, context: audit, on: db)
            }
            try await AuditLog.append(entity: "platform.user", entityID: id, action: user.active ? "update" : "deactivate", changes: changes,
                                      context: audit, on: db)
            return user.dto(roles: roles)
        }
    }

    @Sendable func createToken(_ req: Request) async throws -> Response {
        let actor = try req.actor
        // Own-account routes stay open while a password change or two-factor enrolment is
        // pending (that is where they are resolved); minting a token is not one of those.
        if actor.mustChangePassword { throw DomainError(status: 403, code: "auth.password_change_required") }
        if actor.mustEnrolTwoFactor { throw DomainError(status: 403, code: "auth.two_factor_required") }
        let audit = try req.auditContext
        let body = try req.content.decode(NewTokenRequest.self)
        var problems: [DomainError.Field] = []
        if body.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.init("name", "field.required")) }
        let requested = Set(body.permissions)
        if requested.isEmpty { problems.append(.init("permissions", "field.required")) }
        for key in requested.sorted() where !actor.permissions.contains(key) {
            problems.append(.init("permissions", "auth.permission_not_held", params: ["permission": key]))
        }
        let days = body.days ?? 90
        if !(1...365).contains(days) { problems.append(.init("days", "auth.invalid_token_days")) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let (token, hash) = UserSession.makeToken()
        let expires = Date().addingTimeInterval(TimeInterval(days) * 86_400)
        let id = try await req.write { db in
            let session = UserSession(tenantID: actor.tenantID, userID: actor.userID, tokenHash: hash, kind: "api", expiresAt: expires)
            session.name = body.name
            session.scopes = String(decoding: try JSONEncoder().encode(requested.sorted()), as: UTF8.self)
            try await session.create(on: db)
            var changes = AuditChanges()
            changes.created([("name", body.name), ("permissions", requested.sorted().joined(separator: " ")), ("days", days)])
            try await AuditLog.append(entity: "platform.session", entityID: session.id, action: "create_token", changes: changes, context: audit, on: db)
            return session.id!
        }
        let response = Response(status: .created)
        try response.content.encode(NewTokenResponse(id: id, token: token, permissions: requested.sorted(), expiresAt: expires), using: JSONEncoder.afield)
        return response
    }

    /// 16 characters from an alphabet without look-alikes (~80 bits).
    static func temporaryPassword() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789")
        let chars = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        return String(chars[0..<4]) + "-" + String(chars[4..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16])
    }
}

extension User {
    func dto(roles: [String]) -> UserDTO {
        UserDTO(id: id!, name: name, email: email, roles: roles, active: active, locked: lockedAt != nil, twoFactorEnabled: totpEnabled,
                mustChangePassword: mustChangePassword, version: version)
    }
}
