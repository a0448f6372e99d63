import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/auth/…` for one's own account (个人设置): password, sessions, two-factor; and the
/// administrator's unlock.
struct AccountController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, "password", permission: .ownAccount, summary: "Change own password (other sessions are signed out)",
                  body: ChangePasswordRequest.self, status: .noContent, use: changePassword)
        routes.on(.GET, "sessions", permission: .ownAccount, summary: "Own sessions and API tokens", use: sessions)
        routes.on(.DELETE, "sessions", ":id", permission: .ownAccount, summary: "Sign out one of own sessions", status: .noContent,
                  use: revoke)
        routes.on(.POST, "totp", "setup", permission: .ownAccount, summary: "Start two-factor set-up: a new secret", use: setUpTOTP)
        routes.on(.POST, "totp", "enable", permission: .ownAccount, summary: "Turn two-factor on with a code; returns recovery codes",
                  body: TOTPCode.self, use: enableTOTP)
        routes.on(.POST, "totp", "disable", permission: .ownAccount, summary: "Turn two-factor off with a code",
                  body: TOTPCode.self, status: .noContent, use: disableTOTP)
        routes.on(.POST, "users", ":id", "unlock", permission: IdentityModule.manageUsers,
                  summary: "Unlock a user locked after failed sign-ins", status: .noContent, use: unlock)
    }

    @Sendable func changePassword(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(ChangePasswordRequest.self)
        let hasher = req.passwordHasher
        guard let user = try await User.find(actor.userID, on: req.database) else { throw DomainError.notFound("user") }
        var problems: [DomainError.Field] = []
        if try await !hasher.verify(body.current.utf8.count <= IdentityService.maximumPasswordBytes ? body.current : "", created: user.passwordHash) {
            problems.append(.init("current", "auth.invalid_credentials"))
        }
        problems += IdentityService.passwordProblems(body.new, email: user.email, field: "new")
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let hash = try await hasher.hash(body.new)
        try await req.write { db in
            user.passwordHash = hash
            user.mustChangePassword = false
            user.version += 1
            try await user.save(on: db)
            try await UserSession.query(on: db).filter(\.$userID == actor.userID).filter(\.$id != actor.sessionID)
                .filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
            var changes = AuditChanges()
            changes.set("password", "***", "*** (changed)")
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "change_password", changes: changes, context: audit, on: db)
        }
        return Response(status: .noContent)
    }

    @Sendable func sessions(_ req: Request) async throws -> [SessionInfo] {
        let actor = try req.actor
        let rows = try await UserSession.query(on: req.database).filter(\.$userID == actor.userID).filter(\.$revokedAt == nil)
            .filter(\.$expiresAt > Date()).sort(\.$createdAt, .descending).all()
        return rows.map { SessionInfo(id: $0.id!, kind: $0.kind, createdAt: $0.createdAt, expiresAt: $0.expiresAt, current: $0.id == actor.sessionID) }
    }

    @Sendable func revoke(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "session")
        try await req.write { db in
            guard let session = try await UserSession.query(on: db).filter(\.$id == id).filter(\.$userID == actor.userID)
                .filter(\.$revokedAt == nil).first()
            else { throw DomainError.notFound("session") }
            session.revokedAt = Date()
            try await session.save(on: db)
            try await AuditLog.append(entity: "platform.session", entityID: id, action: "revoke", changes: AuditChanges(), context: audit, on: db)
        }
        return Response(status: .noContent)
    }

    @Sendable func setUpTOTP(_ req: Request) async throws -> TOTPSetup {
        let actor = try req.actor
        let audit = try req.auditContext
        let cipher = req.application.afield.cipher
        guard let user = try await User.find(actor.userID, on: req.database) else { throw DomainError.notFound("user") }
        if user.totpEnabled { throw DomainError(status: 409, code: "auth.totp_already_enabled") }
        let (secret, uri) = try await req.write { db in
            let result = try await TwoFactor(db: db, cipher: cipher).setUp(user, issuer: "Afield (\(actor.tenant.name))")
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "totp_setup", changes: AuditChanges(), context: audit, on: db)
            return result
        }
        return TOTPSetup(secret: secret, otpauthUri: uri)
    }

    @Sendable func enableTOTP(_ req: Request) async throws -> RecoveryCodes {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(TOTPCode.self)
        let cipher = req.application.afield.cipher, now = req.now
        guard let user = try await User.find(actor.userID, on: req.database) else { throw DomainError.notFound("user") }
        let codes = try await req.write { db in
            let codes = try await TwoFactor(db: db, cipher: cipher).enable(user, code: body.code, now: now)
            var changes = AuditChanges()
            changes.set("totp_enabled", false, true)
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "update", changes: changes, context: audit, on: db)
            return codes
        }
        return RecoveryCodes(recoveryCodes: codes)
    }

    @Sendable func disableTOTP(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(TOTPCode.self)
        let cipher = req.application.afield.cipher, now = req.now
        guard let user = try await User.find(actor.userID, on: req.database) else { throw DomainError.notFound("user") }
        if try await HeldRoles.load(userID: actor.userID, tenantID: actor.tenantID, application: req.application, on: req.database).requireTwoFactor {
            throw DomainError(status: 409, code: "auth.two_factor_required_by_role")
        }
        try await req.write { db in
            try await TwoFactor(db: db, cipher: cipher).disable(user, code: body.code, now: now)
            var changes = AuditChanges()
            changes.set("totp_enabled", true, false)
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "update", changes: changes, context: audit, on: db)
        }
        return Response(status: .noContent)
    }

    @Sendable func unlock(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "user")
        let limits = GrantLimits(actor: actor)
        let app = req.application
        try await req.write { db in
            guard let user = try await User.query(on: db).filter(\.$id == id).filter(\.$tenantID == actor.tenantID).first()
            else { throw DomainError.notFound("user") }
            try await limits.requireManageable(userID: id, tenantID: actor.tenantID, application: app, on: db)
            guard user.lockedAt != nil else { return }
            user.lockedAt = nil
            user.version += 1
            try await user.save(on: db)
            // A fresh start: earlier failures no longer count towards the next lock.
            try await SignInGuard(db: db).record(email: user.email, ip: "unlock", succeeded: true)
            var changes = AuditChanges()
            changes.set("locked", true, false)
            try await AuditLog.append(entity: "platform.user", entityID: id, action: "unlock", changes: changes, context: audit, on: db)
        }
        return Response(status: .noContent)
    }
}
