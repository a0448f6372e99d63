import AfieldAPI
import Foundation
import Vapor

/// Builds the OpenAPI 3.1 document of `/api/v1` from the route table, so the document cannot
/// drift from the routes: paths, methods, permissions (`x-permission`), query parameters and
/// JSON schemas derived from the DTO types (``SchemaRecorder``).
public enum OpenAPIDocument {
    public static func build(routes: [Route], title: String, version: String) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        var components: [String: JSONValue] = [
            "ErrorResponse": SchemaRecorder.schema(of: ErrorResponse.self),
            SchemaRecorder.cleanJSONName: SchemaRecorder.cleanJSON,
        ]
        for route in routes {
            let segments = route.path.map(\.description)
            guard segments.starts(with: ["api", "v1"]) else { continue }
            let path = "/" + route.path.map { component -> String in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
            paths[path, default: [:]][route.method.rawValue.lowercased()] = operation(route, path: path, components: &components)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": .string(title), "version": .string(version),
                     "description": "Afield REST API. Errors use the ErrorResponse shape; lists use Page."],
            "servers": [["url": "/"]],
            "paths": .object(paths.mapValues { JSONValue.object($0) }),
            "components": [
                "schemas": .object(components),
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"],
                    "cookie": ["type": "apiKey", "in": "cookie", "name": "afield_session"],
                ],
            ],
        ]
    }

    private static func operation(_ route: Route, path: String, components: inout [String: JSONValue]) -> JSONValue {
        let permission = (route.userInfo[RouteInfo.permission] as? Permission)?.key ?? "undeclared"
        let status = route.userInfo[RouteInfo.successStatus] as? Int ?? 200
        var op: [String: JSONValue] = [
            "operationId": .string(operationID(route)),
            "summary": .string(route.userInfo[RouteInfo.summary] as? String ?? ""),
            "x-permission": .string(permission),
            "tags": [.string(route.path.count > 2 ? route.path[2].description : "api")],
        ]
        if permission != Permission.anonymous.key { op["security"] = [["bearer": []], ["cookie": []]] }
        let pathSchemas = route.userInfo[RouteInfo.pathSchemas] as? [String: JSONValue] ?? [:]
        var parameters: [JSONValue] = route.path.compactMap { component in
            guard case .parameter(let name) = component else { return nil }
            return ["name": .string(name), "in": "path", "required": true, "schema": pathSchemas[name] ?? ["type": "string", "format": "uuid"]]
        }
        for parameter in route.userInfo[RouteInfo.query] as? [QueryParameter] ?? [] {
            parameters.append(["name": .string(parameter.name), "in": "query", "required": false, "schema": parameter.schema])
        }
        parameters += route.userInfo[RouteInfo.headers] as? [JSONValue] ?? []
        if route.userInfo[RouteInfo.mutates] as? Bool == true, permission != Permission.anonymous.key {
            parameters.append(IdempotencyMiddleware.headerParameter)
            parameters += ClientCommand.headerParameters
        }
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if let types = route.userInfo[RouteInfo.rawBody] as? [String] {
            let binary: JSONValue = ["schema": ["type": "string", "format": "binary"]]
            op["requestBody"] = ["required": true, "content": .object(Dictionary(uniqueKeysWithValues: types.map { ($0, binary) }))]
        } else if let body = route.userInfo[RouteInfo.requestBody] as? ObjectIdentifierBox {
            op["requestBody"] = ["required": true, "content": ["application/json": ["schema": SchemaRecorder.schema(of: body.type, request: true, components: &components)]]]
        }
        var success: [String: JSONValue] = ["description": "Success"]
        let responseType = (route.userInfo[RouteInfo.responseBody] as? ObjectIdentifierBox)?.type
        if let responseType, status != 204 {
            success["content"] = ["application/json": ["schema": SchemaRecorder.schema(of: responseType, request: false, components: &components)]]
        }
        let error: JSONValue = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/ErrorResponse"]]]]
        op["responses"] = .object([String(status): .object(success), "4XX": error])
        return .object(op)
    }

    private static func operationID(_ route: Route) -> String {
        let words = route.path.dropFirst(2).map { component -> String in
            if case .parameter(let name) = component { return "By" + name.prefix(1).uppercased() + name.dropFirst() }
            return component.description.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return route.method.rawValue.lowercased() + words.joined()
    }
}
