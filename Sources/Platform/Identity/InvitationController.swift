import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/auth/invitations`: administrators invite people by a one-time link or code; the
/// invitee accepts without signing in and picks their own name and password.
struct InvitationController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "invitations", permission: IdentityModule.manageUsers, summary: "Invitations, newest first", use: list)
        routes.on(.POST, "invitations", permission: IdentityModule.manageUsers,
                  summary: "Invite someone by a one-time link or code (shown once)", body: NewInvitationRequest.self, status: .created, use: create)
        routes.on(.DELETE, "invitations", ":id", permission: IdentityModule.manageUsers, summary: "Revoke a pending invitation",
                  status: .noContent, use: revoke)
        routes.on(.GET, "invitations", "lookup", permission: .anonymous, summary: "What an invitation code is for (no sign-in)",
                  query: ["code"], use: lookup)
        routes.on(.POST, "invitations", "accept", permission: .anonymous,
                  summary: "Accept an invitation: create the account and sign in", body: AcceptInvitationRequest.self, status: .created,
                  use: accept)
    }

    @Sendable func list(_ req: Request) async throws -> [InvitationDTO] {
        let actor = try req.actor
        return try await Invitation.query(on: req.database).filter(\.$tenantID == actor.tenantID).sort(\.$createdAt, .descending).range(..<200).all()
            .map(\.dto)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(NewInvitationRequest.self)
        let email = IdentityService.normalise(body.email)
        var problems: [DomainError.Field] = []
        if !IdentityService.looksLikeEmail(email) { problems.append(.init("email", "auth.invalid_email")) }
        let days = body.days ?? 7
        if !(1...30).contains(days) { problems.append(.init("days", "auth.invalid_invitation_days")) }
        if body.roles.isEmpty { problems.append(.init("roles", "field.required")) }
        var inviteeName: String?
        switch TextInput.name(body.name, max: TextInput.personNameMax, required: false) {
        case .success(let value): inviteeName = value
        case .failure(let problem): problems.append(problem.field("name"))
        }
        let cleanedName = inviteeName
        let code = Invitation.makeCode()
        let limits = GrantLimits(actor: actor)
        let app = req.application
        let early = problems
        let invitation = try await req.write { db in
            var problems = early
            if IdentityService.looksLikeEmail(email), try await User.query(on: db).filter(\.$email == email).first() != nil {
                problems.insert(.init("email", "auth.email_taken"), at: 0)
            }
            let roles = try await TenantRole.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$archived == false).all()
            if let unknown = Set(body.roles).subtracting(roles.map(\.key)).sorted().first {
                problems.append(.init("roles", "auth.unknown_role", params: ["role": unknown]))
            }
            if let employee = body.employeeId {
                let linked = try await Employee.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == employee).first()
                if linked == nil || linked?.userID != nil { problems.append(.init("employeeId", "org.employee.unknown")) }
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            try await limits.requireGrantable(body.roles, tenantID: actor.tenantID, field: "roles", application: app, on: db)
            let invitation = Invitation()
            invitation.tenantID = actor.tenantID
            invitation.email = email
            invitation.name = cleanedName
            invitation.roles = String(decoding: try JSONEncoder().encode(Array(Set(body.roles)).sorted()), as: UTF8.self)
            invitation.employeeID = body.employeeId
            invitation.codeHash = UserSession.hash(Invitation.normalise(code))
            invitation.invitedBy = actor.userID
            invitation.invitedByName = actor.name
            invitation.expiresAt = Date().addingTimeInterval(TimeInterval(days) * 86_400)
            try await invitation.create(on: db)
            var changes = AuditChanges()
            changes.created([("email", email), ("roles", invitation.roleKeys.joined(separator: " ")), ("days", days)])
            try await AuditLog.append(entity: "platform.invitation", entityID: invitation.id, action: "create", changes: changes, context: audit, on: db)
            return invitation
        }
        let response = Response(status: .created)
        try response.content.encode(NewInvitationResponse(invitation: invitation.dto, code: code, path: "/#/invite/\(code)"), using: JSONEncoder.afield)
        return response
    }

    @Sendable func revoke(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "invitation")
        try await req.write { db in
            guard let invitation = try await Invitation.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first()
            else { throw DomainError.notFound("invitation") }
            guard invitation.state() == "pending" else { throw DomainError(status: 409, code: "auth.invitation_not_pending") }
            invitation.revokedAt = Date()
            try await invitation.save(on: db)
            var changes = AuditChanges()
            changes.set("state", "pending", "revoked")
            try await AuditLog.append(entity: "platform.invitation", entityID: id, action: "revoke", changes: changes, context: audit, on: db)
        }
        return Response(status: .noContent)
    }

    @Sendable func lookup(_ req: Request) async throws -> InvitationPreview {
        let invitation = try await pending(code: req.query[String.self, at: "code"] ?? "", on: req.database)
        guard let tenant = try await Tenant.find(invitation.tenantID, on: req.database) else { throw DomainError(status: 410, code: "auth.invitation_invalid") }
        return InvitationPreview(companyName: tenant.name, email: invitation.email, name: invitation.name)
    }

    @Sendable func accept(_ req: Request) async throws -> Response {
        let body = try req.content.decode(AcceptInvitationRequest.self)
        let invitation = try await pending(code: body.code, on: req.database)
        let problems = IdentityService.problems(email: invitation.email, name: body.name, password: body.password)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let hasher = req.passwordHasher
        // bcrypt outside the write transaction: it takes ~0.3 s.
        let hash = try await IdentityService(db: req.database, hasher: hasher).hash(body.password)
        let invitationID = try invitation.requireID()
        let (token, user) = try await req.write { db in
            // Claim the code first: of two people accepting at once, exactly one gets the account.
            let sql = db as! any SQLDatabase
            let claimed = try await sql.raw("""
                UPDATE invitations SET accepted_at = \(bind: Date()) WHERE id = \(bind: invitationID)
                AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id
                """).all()
            guard !claimed.isEmpty else { throw DomainError(status: 410, code: "auth.invitation_invalid") }
            let service = IdentityService(db: db, hasher: hasher)
            if try await User.query(on: db).filter(\.$email == invitation.email).first() != nil {
                throw DomainError(status: 409, code: "auth.invitation_email_taken")
            }
            let user = try await service.createUser(tenantID: invitation.tenantID, email: invitation.email, name: body.name,
                                                    passwordHash: hash, roles: invitation.roleKeys)
            if let employee = invitation.employeeID,
               let linked = try await Employee.query(on: db).filter(\.$tenantID == invitation.tenantID).filter(\.$id == employee).first(),
               linked.userID == nil {
                linked.userID = user.id
                try await linked.save(on: db)
            }
            try await Invitation.query(on: db).filter(\.$id == invitationID).set(\.$acceptedUserID, to: user.id).update()
            let audit = req.anonymousAuditContext(tenantID: invitation.tenantID, actorID: user.id, actorName: user.name)
            var accepted = AuditChanges()
            accepted.set("state", "pending", "accepted")
            try await AuditLog.append(entity: "platform.invitation", entityID: invitationID, action: "accept", changes: accepted, context: audit, on: db)
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "create", changes: user.auditFields(roles: invitation.roleKeys),
                                      context: audit, on: db)
            return (try await service.openSession(for: user, kind: req.sessionKind, audit: audit), user)
        }
        let response = Response(status: .created)
        try response.content.encode(SessionResponse(token: token, user: try await AuthController.me(user, req)), using: JSONEncoder.afield)
        response.cookies[AuthenticationMiddleware.cookieName] = AuthController.cookie(value: token, maxAge: Int(IdentityService.sessionLifetime), req)
        return response
    }

    /// The pending invitation of `code`.
    /// - Throws: 410 `auth.invitation_invalid` for an unknown, used, revoked or expired code.
    private func pending(code: String, on db: any Database) async throws -> Invitation {
        let normalised = Invitation.normalise(code)
        guard !normalised.isEmpty,
              let invitation = try await Invitation.query(on: db).filter(\.$codeHash == UserSession.hash(normalised)).first(),
              invitation.state() == "pending",
              // An invitation speaks for the person who sent it: it lapses when they are deactivated.
              try await User.query(on: db).filter(\.$id == invitation.invitedBy).filter(\.$active == true).first() != nil
        else { throw DomainError(status: 410, code: "auth.invitation_invalid") }
        return invitation
    }
}

extension Invitation {
    var dto: InvitationDTO {
        InvitationDTO(id: id!, email: email, name: name, roles: roleKeys, state: state(), invitedBy: invitedByName, createdAt: createdAt,
                      expiresAt: expiresAt)
    }
}
