import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing
import Vapor

/// Walks the route table: every API route declares a permission, the OpenAPI document
/// describes exactly the routes there are, and nothing but the public routes answers anonymously.
@Suite("Route table")
struct RouteTableTests {
    private func apiRoutes(_ app: Application) -> [Route] {
        app.routes.all.filter { $0.path.map(\.description).starts(with: ["api", "v1"]) }
    }

    @Test("every API route declares a permission the modules know")
    func everyRouteHasPermission() async throws {
        try await withAfield { app, _ in
            let declared = Set((app.afield.permissions + app.afield.personalPermissions).map(\.key)).union([Permission.anonymous.key, Permission.authenticated.key, Permission.ownAccount.key])
            for route in apiRoutes(app) {
                let permission = route.userInfo[RouteInfo.permission] as? Permission
                #expect(permission != nil, "\(route.method) \(route.path.string) has no permission")
                #expect(permission.map { declared.contains($0.key) } == true, "\(route.method) \(route.path.string): \(String(describing: permission))")
            }
        }
    }

    @Test("the OpenAPI document lists exactly the routes")
    func openAPIMatchesRoutes() async throws {
        try await withAfield { app, client in
            let answer = try await client.get("/api/v1/openapi.json")
            #expect(answer.status == .ok)
            let document = try JSONSerialization.jsonObject(with: answer.body) as! [String: Any]
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            var documented: Set<String> = []
            for (path, operations) in paths { for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") } }
            let routes = Set(apiRoutes(app).map { route in
                "\(route.method.rawValue) /" + route.path.map { if case .parameter(let name) = $0 { "{\(name)}" } else { $0.description } }
                    .joined(separator: "/")
            })
            #expect(documented == routes)
            let list = paths["/api/v1/sales/orders"]?["get"] as? [String: Any]
            #expect(list?["x-permission"] as? String == "sales.order.read")
            let schema = (((list?["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])
            let items = ((((schema?["application/json"] as? [String: Any])?["schema"] as? [String: Any])?["properties"] as? [String: Any])?["items"]
                as? [String: Any])?["items"] as? [String: Any]
            let properties = items?["properties"] as? [String: Any]
            #expect(properties?.keys.contains("untaxedTotal") == true)
        }
    }

    @Test("without sign-in only the public routes answer; the rest say 401 auth.unauthenticated")
    func anonymousAccess() async throws {
        try await withAfield { app, client in
            for route in apiRoutes(app) {
                let permission = route.userInfo[RouteInfo.permission] as? Permission
                guard permission != .anonymous else { continue }
                let path = "/" + route.path.map { if case .parameter = $0 { UUID().uuidString } else { $0.description } }.joined(separator: "/")
                let answer = try await client.send(route.method, path)
                #expect(answer.status == .unauthorized, "\(route.method) \(path)")
                #expect(try answer.error.code == "auth.unauthenticated")
            }
        }
    }

    @Test("security headers are sent")
    func securityHeaders() async throws {
        try await withAfield { _, client in
            let answer = try await client.get("/api/v1/auth/setup")
            #expect(answer.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(answer.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }
}
