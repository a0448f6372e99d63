import Fluent
import Foundation
import SQLKit
import Vapor

/// Signs the caller in from the session cookie (web app) or a bearer token (API, SDK).
///
/// One SQL query per request joins session, user, tenant and employee: this runs on every API
/// call, so it stays off the ORM (DESIGN §2, hot paths). An unknown, expired or revoked token, or
/// a deactivated user, leaves the request anonymous; routes then answer 401.
public struct AuthenticationMiddleware: AsyncMiddleware {
    public static let cookieName = "afield_session"
    /// Header the web app sends with every request; required on cookie-authenticated changes.
    public static let csrfHeader = "X-Afield-Request"
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let bearer = request.headers.bearerAuthorization?.token
        let cookie = bearer == nil ? request.cookies[Self.cookieName]?.string : nil
        if let token = bearer ?? cookie, !token.isEmpty {
            if let actor = try await lookUp(token: token, on: request) {
                // CSRF (OWASP "custom request header"): a cross-site form or script cannot add a
                // header without a CORS preflight Afield never grants, so a cookie-authenticated
                // change must carry X-Afield-Request. Bearer tokens are not sent by browsers on
                // their own and need no such proof.
                if cookie != nil, ![.GET, .HEAD, .OPTIONS].contains(request.method), request.headers.first(name: Self.csrfHeader) != "1" {
                    throw DomainError(status: 403, code: "auth.csrf")
                }
                request.auth.login(actor)
            }
        }
        return try await next.respond(to: request)
    }

    private func lookUp(token: String, on request: Request) async throws -> RequestActor? {
        guard let sql = request.db as? any SQLDatabase else { return nil }
        // One row per role the user holds (none: one row with a NULL role).
        let rows = try await sql.raw("""
            SELECT s.id AS session_id, s.kind, s.expires_at, s.scopes, u.must_change_password, u.totp_enabled, u.id AS user_id, u.name AS user_name,
                   u.email, u.locale, u.time_zone AS user_time_zone, ur.role_id,
                   t.id AS tenant_id, t.name AS tenant_name, t.currency, t.time_zone, t.rounding, t.roles_revision, e.id AS employee_id,
                   e.department_id AS department_id
            FROM user_sessions s
            JOIN users u ON u.id = s.user_id AND u.active = \(bind: true)
            JOIN tenants t ON t.id = s.tenant_id
            LEFT JOIN employees e ON e.user_id = u.id AND e.tenant_id = t.id
            LEFT JOIN user_roles ur ON ur.user_id = u.id
            WHERE s.token_hash = \(bind: UserSession.hash(token)) AND s.revoked_at IS NULL
            """).all()
        guard let row = rows.first else { return nil }
        let expires = try row.decode(column: "expires_at", as: Date.self)
        guard expires > Date() else { return nil }
        let tenantID = try row.decode(column: "tenant_id", as: UUID.self)
        let settings = request.application.afield
        let companyRoles = try await settings.roleCache.roles(
            tenantID: tenantID, revision: try row.decode(column: "roles_revision", as: Int.self),
            declared: settings.permissions, resources: settings.scopedResources, on: request.db)
        let held = try rows.compactMap { try $0.decode(column: "role_id", as: UUID?.self) }.compactMap { companyRoles[$0] }
        // What every user may do for themselves is included; a token keeps only those it was made with, below.
        let grants = RequestActor.grants(of: held, settings: settings)
        var permissions = grants.permissions
        let scopes = grants.scopes
        let viaAPIToken = try row.decode(column: "kind", as: String.self) == "api"
        if let limited = try row.decode(column: "scopes", as: String?.self),
           let keys = try? JSONDecoder().decode([String].self, from: Data(limited.utf8)) {
            // An API token never grants more than its user has, nor more than it was made for.
            permissions.formIntersection(keys)
        }
        return try RequestActor.signedIn(row, held: held, permissions: permissions, scopes: scopes,
                                         sessionID: try row.decode(column: "session_id", as: UUID.self), viaAPIToken: viaAPIToken)
    }
}
