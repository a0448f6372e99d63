import Foundation
import Vapor

/// Who is calling: the signed-in user, their company and what they may do. Every tenant-scoped
/// query takes its tenant id from here, never from the request body.
public struct RequestActor: Authenticatable, Sendable {
    public let userID: UUID
    public let tenantID: UUID
    public let name: String
    public let email: String
    public let locale: AppLanguage?
    public let employeeID: UUID?
    /// The caller's employee's department, for department scopes.
    public let departmentID: UUID?
    public let permissions: Set<String>
    /// Data scopes per resource, one per role that grants one (the caller sees the union).
    public let scopes: [String: [ScopeLevel]]
    /// Keys of the caller's roles, sorted.
    public let roleKeys: [String]
    public let tenant: TenantProfile
    /// The user's own time zone, else the company's: the one every "which day" question uses.
    public let timeZone: TimeZone
    public let sessionID: UUID
    /// An administrator-set password is still in use: only `.ownAccount` routes answer.
    public let mustChangePassword: Bool
    /// A role of the caller requires two-factor sign-in, which they have not turned on yet:
    /// only `.ownAccount` routes answer.
    public let mustEnrolTwoFactor: Bool
    /// The caller signed in with an API token (`POST /auth/tokens`), not a session: it holds only
    /// the permissions it was made with and never reaches `.ownAccount` routes.
    public let viaAPIToken: Bool

    public init(userID: UUID, tenantID: UUID, name: String, email: String, locale: AppLanguage?, employeeID: UUID?, departmentID: UUID?,
                permissions: Set<String>, scopes: [String: [ScopeLevel]], roleKeys: [String] = [], tenant: TenantProfile, timeZone: TimeZone? = nil, sessionID: UUID,
                mustChangePassword: Bool = false, mustEnrolTwoFactor: Bool = false, viaAPIToken: Bool = false) {
        self.userID = userID
        self.tenantID = tenantID
        self.name = name
        self.email = email
        self.locale = locale
        self.employeeID = employeeID
        self.departmentID = departmentID
        self.permissions = permissions
        self.scopes = scopes
        self.roleKeys = roleKeys
        self.tenant = tenant
        self.timeZone = timeZone ?? tenant.timeZone
        self.sessionID = sessionID
        self.mustChangePassword = mustChangePassword
        self.mustEnrolTwoFactor = mustEnrolTwoFactor
        self.viaAPIToken = viaAPIToken
    }

    /// Today's date (`YYYY-MM-DD`) where the user is (``timeZone``), for "which day" defaults.
    public func today(now: Date = Date()) -> String { CalendarDay.string(for: now, in: timeZone) }

    /// Whether the caller may use a route that declares `permission`: anyone for `.anonymous` and
    /// `.authenticated`; `.ownAccount` only in a signed-in session (an API token must not set up
    /// two-factor, revoke sessions, mint tokens or change the profile of its owner); else the
    /// permission itself (a personal one is held by every session, by a token only if granted).
    public func holds(_ permission: Permission) -> Bool {
        switch permission {
        case .anonymous, .authenticated: return true
        case .ownAccount: return !viaAPIToken
        default: return permissions.contains(permission.key)
        }
    }
}

/// The company settings every request needs, read once per request with the session.
public struct TenantProfile: Sendable {
    public let id: UUID
    public let name: String
    public let currency: Currency
    public let timeZone: TimeZone
    public let rounding: RoundingRule

    public init(id: UUID, name: String, currency: Currency, timeZone: TimeZone, rounding: RoundingRule) {
        self.id = id
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.rounding = rounding
    }

    /// Today's date (`YYYY-MM-DD`) in the company's time zone, for "which day" defaults.
    public func today(now: Date = Date()) -> String { CalendarDay.string(for: now, in: timeZone) }
}

extension Request {
    /// The signed-in caller.
    /// - Throws: 401 `auth.unauthenticated` when nobody is signed in.
    public var actor: RequestActor {
        get throws {
            guard let actor = auth.get(RequestActor.self) else { throw DomainError(status: 401, code: "auth.unauthenticated") }
            return actor
        }
    }

    /// The language for messages: `Accept-Language` first (the web app sends its current
    /// choice), then the user's saved choice, then English.
    public var language: AppLanguage {
        AppLanguage.negotiate(acceptLanguage: headers.first(name: .acceptLanguage))
            ?? auth.get(RequestActor.self)?.locale
            ?? .en
    }
}
