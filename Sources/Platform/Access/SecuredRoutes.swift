import Vapor

/// Route metadata keys and the helpers through which every API route is declared with the
/// permission it needs (DESIGN §1: "every route declares the permission it needs").
public enum RouteInfo {
    /// `Permission` the route requires.
    public static let permission = "afield.permission"
    /// Human summary for the OpenAPI document.
    public static let summary = "afield.summary"
    /// `Codable.Type` of the JSON request body, for the OpenAPI document.
    public static let requestBody = "afield.requestBody"
    /// Query parameters accepted (`[QueryParameter]`), for the OpenAPI document.
    public static let query = "afield.query"
    /// `Encodable.Type` of the answer when the handler returns a raw `Response`.
    public static let responseBody = "afield.responseBody"
    /// `Bool`: whether the route changes data (audited, idempotency keys honoured). Every
    /// method but GET does unless the route says otherwise (a preview, a search by POST).
    public static let mutates = "afield.mutates"
    /// `[String]`: media types of a raw (non-JSON) request body, for the OpenAPI document.
    public static let rawBody = "afield.rawBody"
    /// `[JSONValue]`: request headers the route reads, as OpenAPI parameter objects.
    public static let headers = "afield.headers"
    /// Status of the success answer (default 200).
    public static let successStatus = "afield.status"
    /// `Int`: the largest body the route accepts, in bytes (a larger one is answered 413 naming it).
    public static let maxBodySize = "afield.maxBodySize"
}

/// Rejects a caller who does not hold the route's permission: 401 when nobody is signed in,
/// 403 when the signed-in user lacks it.
public struct PermissionMiddleware: AsyncMiddleware {
    public let permission: Permission

    public init(_ permission: Permission) { self.permission = permission }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if permission != .anonymous {
            let actor = try request.actor
            if actor.mustChangePassword && permission != .ownAccount {
                throw DomainError(status: 403, code: "auth.password_change_required")
            }
            if actor.mustEnrolTwoFactor && permission != .ownAccount {
                throw DomainError(status: 403, code: "auth.two_factor_required")
            }
            if permission == .ownAccount && actor.viaAPIToken {
                throw DomainError(status: 403, code: "auth.token_not_allowed")
            }
            guard actor.holds(permission) else {
                throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": permission.key])
            }
        }
        return try await next.respond(to: request)
    }
}

extension RoutesBuilder {
    /// Declares a route with its permission and OpenAPI description; the handler's value is
    /// sent as JSON with `status`.
    ///
    /// - Parameters:
    ///   - permission: required permission; `.anonymous` for public routes.
    ///   - body: type of the JSON request body, if any.
    ///   - query: names of accepted query parameters.
    ///   - status: success status (201 for creates).
    ///   - maxBodySize: largest request body accepted (default 1 MB; larger answers 413).
    ///   - rawBody: media types of a body sent as raw bytes (an upload), for the OpenAPI document.
    @discardableResult
    public func on<Output: Codable & Sendable>(
        _ method: HTTPMethod, _ path: PathComponent..., permission: Permission, summary: String,
        body: (any Decodable.Type)? = nil, rawBody: [String] = [], query: [QueryParameter] = [], status: HTTPStatus = .ok, mutates: Bool? = nil,
        maxBodySize: ByteCount = "1mb", use handler: @Sendable @escaping (Request) async throws -> Output
    ) -> Route {
        let route = secured(method, path, permission: permission, summary: summary, body: body, response: Output.self, query: query, status: status,
                            mutates: mutates, maxBodySize: maxBodySize) { req in
            let response = Response(status: status)
            try response.content.encode(try await handler(req), using: JSONEncoder.afield)
            return response
        }
        if !rawBody.isEmpty { route.userInfo[RouteInfo.rawBody] = rawBody }
        return route
    }

    /// Like the JSON variant, for handlers that build their own `Response` (cookies, 204).
    /// `response` names the JSON type of the body for the OpenAPI document; `rawBody` the media
    /// types of a body sent as raw bytes (an upload).
    @discardableResult
    public func on(
        _ method: HTTPMethod, _ path: PathComponent..., permission: Permission, summary: String,
        body: (any Decodable.Type)? = nil, rawBody: [String] = [], response: (any Decodable.Type)? = nil, query: [QueryParameter] = [],
        status: HTTPStatus = .ok, mutates: Bool? = nil, maxBodySize: ByteCount = "1mb",
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let route = secured(method, path, permission: permission, summary: summary, body: body, response: response, query: query, status: status,
                            mutates: mutates, maxBodySize: maxBodySize, handler)
        if !rawBody.isEmpty { route.userInfo[RouteInfo.rawBody] = rawBody }
        return route
    }

    private func secured(
        _ method: HTTPMethod, _ path: [PathComponent], permission: Permission, summary: String,
        body: (any Decodable.Type)?, response: (any Decodable.Type)?, query: [QueryParameter], status: HTTPStatus, mutates: Bool?,
        maxBodySize: ByteCount, _ handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let mutating = mutates ?? (method != .GET && method != .HEAD)
        let longQueries = Dictionary(query.filter { $0.maxLength > TextInput.queryMax }.map { ($0.name, $0.maxLength) }) { first, _ in first }
        var middleware: [any Middleware] = [TextGuardMiddleware(maxBodySize: maxBodySize.value, longQueries: longQueries), PermissionMiddleware(permission)]
        if mutating { middleware.append(IdempotencyMiddleware(maxBodySize: maxBodySize.value)) }
        let route = self.grouped(middleware)
            .on(method, path, body: method == .GET ? .collect(maxSize: nil) : .collect(maxSize: maxBodySize), use: handler)
        route.userInfo[RouteInfo.permission] = permission
        route.userInfo[RouteInfo.summary] = summary
        if let body { route.userInfo[RouteInfo.requestBody] = ObjectIdentifierBox(type: body) }
        if let response { route.userInfo[RouteInfo.responseBody] = ObjectIdentifierBox(type: response) }
        route.userInfo[RouteInfo.query] = query
        route.userInfo[RouteInfo.successStatus] = Int(status.code)
        route.userInfo[RouteInfo.mutates] = mutating
        route.userInfo[RouteInfo.maxBodySize] = maxBodySize.value
        return route
    }
}

extension JSONEncoder {
    /// The encoder of every API answer.
    public static var afield: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}

/// Carries a metatype through `Route.userInfo`, which needs `Sendable` values.
public struct ObjectIdentifierBox: @unchecked Sendable {
    public let type: any Decodable.Type
}
