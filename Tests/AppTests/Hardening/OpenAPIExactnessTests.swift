import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing
import Vapor

/// Issue 8 point 6: the OpenAPI document says what the server does (Schemathesis found 22
/// response-schema violations and 61 schema-valid requests refused). The full check is the
/// Schemathesis run in CI (Tests/api-fuzz); these pin the classes it found.
@Suite("OpenAPI exactness")
struct OpenAPIExactnessTests {
    static func document(_ client: APIClient) async throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try await client.get("/api/v1/openapi.json").body) as! [String: Any]
    }

    static func operation(_ document: [String: Any], _ path: String, _ method: String) -> [String: Any] {
        ((document["paths"] as! [String: Any])[path] as! [String: Any])[method] as! [String: Any]
    }

    static func requestSchema(_ operation: [String: Any]) -> [String: Any]? {
        (((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    static func responseSchema(_ operation: [String: Any], _ status: String = "200") -> [String: Any]? {
        ((((operation["responses"] as? [String: Any])?[status] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
            as? [String: Any]
    }

    @Test("H8-6 every request and answer type records completely (a failed decode once cut schemas short)")
    func everyTypeRecords() async throws {
        try await withAfield(demo: false) { app, _ in
            for route in app.routes.all {
                for key in [RouteInfo.requestBody, RouteInfo.responseBody] {
                    guard let box = route.userInfo[key] as? ObjectIdentifierBox else { continue }
                    let failure = SchemaRecorder.recordingFailure(box.type)
                    #expect(failure == nil, "\(route.method) \(route.path.string) \(box.type): \(String(describing: failure))")
                }
            }
        }
    }

    @Test("H8-6 optional answer fields may be null; audit changes are objects; query parameters are typed; updates require version; uploads have a body")
    func shapes() async throws {
        try await withAfield(demo: false) { _, client in
            let document = try await Self.document(client)
            // `Me` answers null for a user without mobile or time zone.
            let me = try #require(Self.responseSchema(Self.operation(document, "/api/v1/auth/me", "get")))
            let mobile = (me["properties"] as! [String: Any])["mobile"] as! [String: Any]
            #expect(mobile["type"] as? [String] == ["string", "null"])
            #expect((me["required"] as? [String])?.contains("mobile") == false)
            // An audit entry's changes map each field to {before, after}, not to a string.
            let entries = try #require(Self.responseSchema(Self.operation(document, "/api/v1/audit/entries", "get")))
            let entry = (((entries["properties"] as! [String: Any])["items"] as! [String: Any])["items"] as! [String: Any])
            let changes = (entry["properties"] as! [String: Any])["changes"] as! [String: Any]
            let change = changes["additionalProperties"] as! [String: Any]
            #expect(change["type"] as? String == "object")
            // Query parameters say what the server parses.
            let orders = Self.operation(document, "/api/v1/sales/orders", "get")
            let parameters = Dictionary(uniqueKeysWithValues: (orders["parameters"] as! [[String: Any]]).map { ($0["name"] as! String, $0["schema"] as! [String: Any]) })
            let customer = (parameters["customer"]?["anyOf"] as? [[String: Any]])?.first
            #expect(customer?["format"] as? String == "uuid")
            #expect(((parameters["page"]?["anyOf"] as? [[String: Any]])?.first)?["type"] as? String == "integer")
            #expect(((parameters["from"]?["anyOf"] as? [[String: Any]])?.first)?["format"] as? String == "date")
            // An enumeration filter is one or more of its values, comma-separated (issue 9 lists).
            #expect((((parameters["state"]?["anyOf"] as? [[String: Any]])?.first)?["pattern"] as? String)?.contains("confirmed") == true)
            #expect((((parameters["sort"]?["anyOf"] as? [[String: Any]])?.first)?["pattern"] as? String)?.contains("orderDate") == true)
            #expect(parameters["q"]?["pattern"] as? String == #"^[^\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]{0,200}$"#)
            // Every PATCH body that carries a version requires it.
            for (path, operations) in document["paths"] as! [String: [String: Any]] {
                guard let patch = operations["patch"] as? [String: Any], let body = Self.requestSchema(patch),
                      (body["properties"] as? [String: Any])?["version"] != nil else { continue }
                #expect((body["required"] as? [String])?.contains("version") == true, "PATCH \(path)")
            }
            // Names that must not be blank say so; request texts exclude control characters.
            let partner = try #require(Self.requestSchema(Self.operation(document, "/api/v1/partners/customers", "post")))
            let name = (partner["properties"] as! [String: Any])["name"] as! [String: Any]
            #expect(name["minLength"] as? Int == 1 && name["maxLength"] as? Int == 200)
            #expect((partner["required"] as? [String])?.contains("name") == true)
            // The avatar is uploaded as raw image bytes.
            let avatar = Self.operation(document, "/api/v1/auth/me/avatar", "put")
            let content = (avatar["requestBody"] as? [String: Any])?["content"] as? [String: Any]
            #expect(content?.keys.sorted() == ["image/jpeg", "image/png", "image/webp"])
            // Trees refer to themselves instead of ending in an empty object.
            let components = (document["components"] as! [String: Any])["schemas"] as! [String: Any]
            #expect(components["AfieldAPI.FlowNode"] != nil)
        }
    }

    @Test("H8-6 a path that exists answers an undeclared method with 405 and Allow; an {id} does not swallow an action's name")
    func methodNotAllowed() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let put = try await api.send(.PUT, "/api/v1/partners/customers")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers.first(name: "Allow") == "GET, POST")
            #expect(try put.error.code == "request.method_not_allowed")
            let route = try await api.send(.PATCH, "/api/v1/approvals/instances/route", raw: #"{"values":{}}"#)
            #expect(route.status == .methodNotAllowed)
            #expect(route.headers.first(name: "Allow") == "POST")
            // A real route with a record that does not exist is still 404.
            #expect(try await api.get("/api/v1/partners/customers/\(UUID())").status == .notFound)
            #expect(try await api.get("/api/v1/nothing/here").status == .notFound)
        }
    }

    @Test("H8-6 typed query parameters refuse what their schema refuses, and a blank one is absent")
    func typedQueries() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            #expect(try await api.get("/api/v1/approvals/forms?archived=null").status == .unprocessableEntity)
            #expect(try await api.get("/api/v1/approvals/forms?archived=false").status == .ok)
            #expect(try await api.get("/api/v1/audit/entries?source=null").status == .unprocessableEntity)
            #expect(try await api.get("/api/v1/audit/entries?source=web").status == .ok)
            #expect(try await api.get("/api/v1/sales/orders?customer=&page=%E2%80%85").status == .ok, "blank means absent")
        }
    }
}
