import Foundation
import Vapor

/// Where a change comes from (DESIGN §5).
public enum AuditSource: String, Codable, Sendable {
    case web, api, `import`, system
}

/// Who is acting and from where; every mutation carries one into ``AuditLog/append(_:context:on:)``.
public struct AuditContext: Sendable {
    public var tenantID: UUID
    public var actorID: UUID?
    public var actorName: String
    public var onBehalfOf: UUID?
    public var source: AuditSource
    public var ip: String?
    public var userAgent: String?
    public var requestID: String?

    public init(tenantID: UUID, actorID: UUID?, actorName: String, onBehalfOf: UUID? = nil, source: AuditSource,
                ip: String? = nil, userAgent: String? = nil, requestID: String? = nil) {
        self.tenantID = tenantID
        self.actorID = actorID
        self.actorName = actorName
        self.onBehalfOf = onBehalfOf
        self.source = source
        self.ip = ip
        self.userAgent = userAgent
        self.requestID = requestID
    }

    /// A system job or command acting for a tenant.
    public static func system(_ tenantID: UUID, name: String, source: AuditSource = .system) -> AuditContext {
        AuditContext(tenantID: tenantID, actorID: nil, actorName: name, source: source)
    }
}

extension Request {
    /// The audit context of a request made before sign-in (registration, sign-in itself),
    /// acting as the user it is about.
    ///
    /// Nothing identifies the caller yet, so the source is told by the web app's marker: the web
    /// app sends `X-Afield-Request` with every request (``AuthenticationMiddleware/csrfHeader``);
    /// an API client signing in for a bearer token does not, and its sign-in is `api`.
    public func anonymousAuditContext(tenantID: UUID, actorID: UUID?, actorName: String) -> AuditContext {
        AuditContext(tenantID: tenantID, actorID: actorID, actorName: actorName, source: fromWebApp ? .web : .api,
                     ip: remoteAddress?.ipAddress, userAgent: headers.first(name: .userAgent).map { String($0.prefix(300)) },
                     requestID: headers.first(name: "X-Request-Id") ?? id)
    }

    /// Whether an anonymous request (sign-in, registration) comes from the web app, which sends
    /// `X-Afield-Request` with every request and no bearer token; else from an API client.
    public var fromWebApp: Bool {
        headers.bearerAuthorization == nil && headers.first(name: AuthenticationMiddleware.csrfHeader) == "1"
    }

    /// The kind of session a sign-in opens: `web` for the web app, `client` for an API client
    /// signing in with e-mail and password (an API token is `api`).
    public var sessionKind: String { fromWebApp ? "web" : "client" }

    /// The audit context of this request: the signed-in actor; `api` for bearer tokens, `web`
    /// for the session cookie.
    public var auditContext: AuditContext {
        get throws {
            let actor = try actor
            return AuditContext(tenantID: actor.tenantID, actorID: actor.userID, actorName: actor.name,
                                source: headers.bearerAuthorization != nil ? .api : .web,
                                ip: remoteAddress?.ipAddress, userAgent: headers.first(name: .userAgent).map { String($0.prefix(300)) },
                                requestID: headers.first(name: "X-Request-Id") ?? id)
        }
    }
}
