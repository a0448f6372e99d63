import Vapor

/// Answers 405 with an `Allow` header (RFC 9110 §15.5.6) when an API path exists but not for the
/// request's method; the router alone answers 404, as if the path did not exist. Path parameters
/// are record ids, so `PATCH …/instances/route` is the `route` action's path (POST only), not an
/// instance whose id is "route".
public struct MethodNotAllowedMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if path.starts(with: ["api", "v1"]) {
            // Decided before the route runs: a route whose `{id}` would swallow "route" must not
            // first judge the request's body or query.
            let allowed = Self.methods(for: path, in: request.application.routes.all)
            let method = request.method == .HEAD ? "GET" : request.method.rawValue
            if !allowed.isEmpty, !allowed.contains(method) {
                throw Abort(.methodNotAllowed, headers: ["Allow": allowed.joined(separator: ", ")])
            }
        }
        return try await next.respond(to: request)
    }

    /// The methods of the routes whose pattern matches `path`, sorted.
    static func methods(for path: [String], in routes: [Route]) -> [String] {
        var methods = Set<String>()
        for route in routes where matches(route.path, path) { methods.insert(route.method.rawValue) }
        return methods.sorted()
    }

    private static func matches(_ pattern: [PathComponent], _ path: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return index < path.count
            case .anything: if index >= path.count { return false }
            case .parameter: if index >= path.count || UUID(uuidString: path[index]) == nil { return false }
            case .constant(let text): if index >= path.count || path[index] != text { return false }
            }
        }
        return pattern.count == path.count
    }
}
