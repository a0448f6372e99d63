import AfieldAPI
import Fluent
import Foundation
import Vapor

/// `/api/v1/auth`: setup status, sign-in, registration, sign-out and the caller's profile.
struct AuthController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "setup", permission: .anonymous, summary: "Whether the server needs a first company registered", use: setup)
        routes.on(.POST, "login", permission: .anonymous,
                  summary: "Sign in; returns a bearer token and sets the session cookie, or asks for a two-factor code",
                  body: LoginRequest.self, response: LoginResponse.self, use: login)
        routes.on(.POST, "login", "verify", permission: .anonymous, summary: "Second sign-in step: the two-factor or recovery code",
                  body: VerifyLoginRequest.self, response: LoginResponse.self, use: verify)
        routes.on(.POST, "register", permission: .anonymous, summary: "Register a company and its administrator",
                  body: RegisterRequest.self, response: SessionResponse.self, status: .created, use: register)
        routes.on(.POST, "logout", permission: .ownAccount, summary: "Sign out (revokes this session)", status: .noContent, use: logout)
        routes.on(.GET, "me", permission: .ownAccount, summary: "The signed-in user", use: me)
    }

    @Sendable func setup(_ req: Request) async throws -> SetupStatus {
        SetupStatus(needsRegistration: try await Tenant.query(on: req.database).count() == 0)
    }

    @Sendable func login(_ req: Request) async throws -> Response {
        let body = try req.content.decode(LoginRequest.self)
        let hasher = req.passwordHasher
        let email = IdentityService.normalise(body.email)
        let ip = req.remoteAddress?.ipAddress ?? "unknown"
        let attempt = try await SignInGuard.claim(email: email, ip: ip, writes: req.application.afieldWrites, on: req.database)
        let user: User
        do {
            user = try await IdentityService(db: req.database, hasher: hasher).authenticate(email: body.email, password: body.password)
        } catch let error as DomainError where error.code == "auth.invalid_credentials" {
            let locked = try await req.write { db in
                try await Self.lockIfNeeded(email: email, db: db, req: req)
                return try await User.query(on: db).filter(\.$email == email).first()?.lockedAt != nil
            }
            // A locked account answers the same whatever the password, so the lock does not tell
            // a guesser when a guess was right.
            if locked { throw DomainError(status: 423, code: "auth.account_locked") }
            throw error
        }
        if user.lockedAt != nil { throw DomainError(status: 423, code: "auth.account_locked") }
        try await req.write { db in try await SignInGuard(db: db).succeeded(attempt) }
        if user.totpEnabled {
            let now = req.now
            let challenge = try await req.write { db in try await TwoFactor(db: db, cipher: req.application.afield.cipher).challenge(for: user, now: now) }
            let response = Response(status: .ok)
            try response.content.encode(LoginResponse(token: nil, user: nil, twoFactorRequired: true, challenge: challenge), using: JSONEncoder.afield)
            return response
        }
        return try await openSession(for: user, req, details: [:])
    }

    @Sendable func verify(_ req: Request) async throws -> Response {
        let body = try req.content.decode(VerifyLoginRequest.self)
        let cipher = req.application.afield.cipher, now = req.now
        try await req.write { db in try await TwoFactor(db: db, cipher: cipher).claimAttempt(challenge: body.challenge, now: now) }
        let (user, method) = try await req.write { db in try await TwoFactor(db: db, cipher: cipher).verify(challenge: body.challenge, code: body.code, now: now) }
        return try await openSession(for: user, req, details: ["two_factor": method])
    }

    private func openSession(for user: User, _ req: Request, details: [String: String]) async throws -> Response {
        let audit = req.anonymousAuditContext(tenantID: user.tenantID, actorID: user.id, actorName: user.name)
        let hasher = req.passwordHasher
        let token = try await req.write { db in
            try await IdentityService(db: db, hasher: hasher).openSession(for: user, kind: req.sessionKind, audit: audit, details: details)
        }
        let response = Response(status: .ok)
        let me = try await Self.me(user, req)
        try response.content.encode(LoginResponse(token: token, user: me, twoFactorRequired: false, challenge: nil), using: JSONEncoder.afield)
        response.cookies[AuthenticationMiddleware.cookieName] = Self.cookie(value: token, maxAge: Int(IdentityService.sessionLifetime), req)
        return response
    }

    /// Locks the account after ``SignInGuard/lockAfter`` failures in a row (audited, source system).
    static func lockIfNeeded(email: String, db: any Database, req: Request) async throws {
        guard let user = try await User.query(on: db).filter(\.$email == email).first(), user.lockedAt == nil,
              try await SignInGuard(db: db).consecutiveFailures(email: email) >= SignInGuard.lockAfter
        else { return }
        user.lockedAt = Date()
        user.version += 1
        try await user.save(on: db)
        var changes = AuditChanges()
        changes.set("locked", false, true)
        try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "lock", changes: changes,
                                  context: .system(user.tenantID, name: "sign-in guard"), on: db)
    }

    @Sendable func register(_ req: Request) async throws -> Response {
        let body = try req.content.decode(RegisterRequest.self)
        var problems: [DomainError.Field] = []
        var cleanedCompany = ""
        switch TextInput.name(body.companyName, max: TextInput.personNameMax) {
        case .success(let value): cleanedCompany = value ?? ""
        case .failure(let problem): problems.append(problem.field("companyName"))
        }
        let company = cleanedCompany
        problems += IdentityService.problems(email: body.email, name: body.name, password: body.password)
        let mobileText = body.mobile?.trimmingCharacters(in: .whitespaces) ?? ""
        let mobile = IdentityService.normaliseMobile(mobileText)
        if mobileText.isEmpty {
            problems.insert(.init("mobile", "field.required"), at: problems.firstIndex { $0.path == "password" } ?? problems.endIndex)
        } else if mobile == nil {
            problems.insert(.init("mobile", "auth.invalid_mobile"), at: problems.firstIndex { $0.path == "password" } ?? problems.endIndex)
        }
        let language = req.language
        let hasher = req.passwordHasher
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        // Only complete forms count towards the throttle, and each of them is hashed whether or
        // not its e-mail is free, so neither the count nor the time tells which addresses exist.
        let ip = req.remoteAddress?.ipAddress ?? "unknown"
        try await RegistrationGuard.admit(ip: ip, writes: req.application.afieldWrites, on: req.database)
        // Hash before the write transaction: bcrypt takes ~0.3 s and must not hold the write lock.
        let hash = try await IdentityService(db: req.database, hasher: hasher).hash(body.password)
        let pending = problems
        let created: (String, User)
        do {
            let (token, user) = try await req.write { db in
                let service = IdentityService(db: db, hasher: hasher)
                let slug = try await Self.uniqueSlug(for: company, on: db)
                let tenant = try await service.createTenant(slug: slug, name: company, currency: language == .zhCN ? .cny : .usd,
                                                            timeZone: language == .zhCN ? "Asia/Shanghai" : "UTC", locale: language)
                let user = try await service.createUser(tenantID: try tenant.requireID(), email: body.email, name: body.name,
                                                        passwordHash: hash, roles: [BuiltInRole.administrator.key], pendingProblems: pending)
                user.mobile = mobile
                try await user.save(on: db)
                let audit = req.anonymousAuditContext(tenantID: try tenant.requireID(), actorID: user.id, actorName: user.name)
                var tenantChanges = AuditChanges()
                tenantChanges.created([("name", tenant.name), ("slug", tenant.slug), ("currency", tenant.currency), ("time_zone", tenant.timeZone)])
                try await AuditLog.append(entity: "platform.tenant", entityID: tenant.id, action: "create", changes: tenantChanges, context: audit, on: db)
                try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "create", changes: user.auditFields(roles: [BuiltInRole.administrator.key]),
                                          context: audit, on: db)
                return (try await service.openSession(for: user, kind: req.sessionKind, audit: audit), user)
            }
            created = (token, user)
        } catch var error as DomainError where error.fields.contains(where: { $0.code == "auth.email_taken" }) {
            // Sign-in is by e-mail across all companies, so a taken address cannot register; say
            // so without saying it belongs to someone (an invited administrator sees email_taken).
            error.fields = error.fields.map { $0.code == "auth.email_taken" ? .init($0.path, "auth.email_unavailable") : $0 }
            throw error
        }
        let (token, user) = created
        return try await sessionResponse(token: token, user: user, status: .created, req)
    }

    @Sendable func logout(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        try await req.write { db in
            try await UserSession.query(on: db).filter(\.$id == actor.sessionID).set(\.$revokedAt, to: Date()).update()
            try await AuditLog.append(entity: "platform.session", entityID: actor.sessionID, action: "sign_out", changes: AuditChanges(),
                                      context: audit, on: db)
        }
        let response = Response(status: .noContent)
        response.cookies[AuthenticationMiddleware.cookieName] = Self.cookie(value: "", maxAge: 0, req)
        return response
    }

    @Sendable func me(_ req: Request) async throws -> Me {
        let actor = try req.actor
        guard let user = try await User.find(actor.userID, on: req.database) else { throw DomainError.notFound("user") }
        return try await Self.me(user, req)
    }

    private func sessionResponse(token: String, user: User, status: HTTPStatus, _ req: Request) async throws -> Response {
        let response = Response(status: status)
        try response.content.encode(SessionResponse(token: token, user: try await Self.me(user, req)), using: JSONEncoder.afield)
        response.cookies[AuthenticationMiddleware.cookieName] = Self.cookie(value: token, maxAge: Int(IdentityService.sessionLifetime), req)
        return response
    }

    static func me(_ user: User, _ req: Request) async throws -> Me {
        guard let tenant = try await Tenant.find(user.tenantID, on: req.database) else { throw DomainError.notFound("tenant") }
        let employee = try await Employee.query(on: req.database).filter(\.$userID == user.id).first()
        let held = try await HeldRoles.load(userID: try user.requireID(), tenantID: user.tenantID, application: req.application, on: req.database)
        return Me(id: try user.requireID(), name: user.name, email: user.email, locale: user.locale, employeeId: employee?.id,
                  twoFactorEnabled: user.totpEnabled, mustChangePassword: user.mustChangePassword,
                  tenant: TenantInfo(id: try tenant.requireID(), name: tenant.name, currency: tenant.currency, timeZone: tenant.timeZone,
                                     locale: tenant.locale),
                  permissions: held.permissions.sorted(), roles: held.keys, mustEnrolTwoFactor: held.requireTwoFactor && !user.totpEnabled,
                  timeZone: user.timeZone, mobile: user.mobile, avatarUrl: user.avatarURL, notifications: user.notificationPreferences)
    }

    static func cookie(value: String, maxAge: Int, _ req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: req.application.afield.secureCookies,
                          isHTTPOnly: true, sameSite: .strict)
    }

    static func uniqueSlug(for name: String, on db: any Database) async throws -> String {
        let base = String(name.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
            .split(separator: "-").joined(separator: "-")
        let stem = base.isEmpty ? "company" : String(base.prefix(40))
        var slug = stem
        var n = 1
        while try await Tenant.query(on: db).filter(\.$slug == slug).first() != nil {
            n += 1
            slug = "\(stem)-\(n)"
        }
        return slug
    }
}
