import AfieldAPI
import Foundation
import Platform
import Vapor

/// `/api/v1/openapi.json` and `/api/v1/menu`.
struct MetaController: Sendable {
    func register(_ api: any RoutesBuilder) {
        api.on(.GET, "openapi.json", permission: .anonymous, summary: "This OpenAPI 3.1 document", use: openAPI)
        api.on(.GET, "menu", permission: .authenticated, summary: "Navigation entries the caller may open", use: menu)
    }

    @Sendable func openAPI(_ req: Request) async throws -> Response {
        let document = OpenAPIDocument.build(routes: req.application.routes.all, title: "Afield API", version: AfieldApp.version)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(document)))
    }

    @Sendable func menu(_ req: Request) async throws -> [MenuItem] {
        let actor = try req.actor
        return req.application.afield.menu.filter { actor.permissions.contains($0.permission) }
    }
}
