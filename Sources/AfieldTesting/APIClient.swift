import AfieldAPI
import Foundation
import NIOCore
import Vapor
import VaporTesting

/// Drives the API in-process, like an API client would: JSON in, JSON out, bearer token.
public struct APIClient: Sendable {
    public let app: Application
    public var token: String?
    public var language: String = "en"

    public init(app: Application, token: String? = nil) {
        self.app = app
        self.token = token
    }

    /// An answer: status, headers and the raw body.
    public struct Answer: Sendable {
        public let status: HTTPStatus
        public let headers: HTTPHeaders
        public let body: Data

        /// The body decoded as `T`.
        public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: body)
        }

        /// The error body (fails when the body is not an error).
        public var error: ErrorDetail { get throws { try decode(ErrorResponse.self).error } }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Signs in and returns a client that carries the token.
    public func signedIn(_ email: String = demoEmail, _ password: String = demoPassword) async throws -> APIClient {
        let answer = try await send(.POST, "/api/v1/auth/login", json: LoginRequest(email: email, password: password))
        guard answer.status == .ok else { throw TestFailure("sign-in of \(email) failed: \(answer.status) \(answer.text)") }
        var client = self
        client.token = try answer.decode(SessionResponse.self).token
        return client
    }

    public func inLanguage(_ language: String) -> APIClient {
        var client = self
        client.language = language
        return client
    }

    public func get(_ path: String) async throws -> Answer { try await send(.GET, path) }

    public func post(_ path: String, json: some Encodable) async throws -> Answer { try await send(.POST, path, json: json) }

    /// Sends `json` encoded, or `raw` bytes as they are (for malformed bodies).
    public func send(_ method: HTTPMethod, _ path: String, json: (some Encodable)? = String?.none, raw: String? = nil,
                     headers extra: [(String, String)] = []) async throws -> Answer {
        var headers = HTTPHeaders()
        headers.add(name: .acceptLanguage, value: language)
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body = ByteBuffer()
        if let json {
            headers.contentType = .json
            // Instants as the API writes and reads them (ISO 8601), not Foundation's default number.
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            body = ByteBuffer(data: try encoder.encode(json))
        } else if let raw {
            headers.contentType = .json
            body = ByteBuffer(string: raw)
        }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await perform(method, path, headers: headers, body: body)
    }

    /// Sends `bytes` as the body, as they are (uploads), with `contentType` and any `extra` headers.
    public func send(_ method: HTTPMethod, _ path: String, bytes: Data, contentType: String,
                     headers extra: [(String, String)] = []) async throws -> Answer {
        var headers = HTTPHeaders()
        headers.add(name: .acceptLanguage, value: language)
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        headers.replaceOrAdd(name: .contentType, value: contentType)
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await perform(method, path, headers: headers, body: ByteBuffer(data: bytes))
    }

    private func perform(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer) async throws -> Answer {
        let response = try await app.testing().performTest(request: TestingHTTPRequest(method: method, url: URI(path: path), headers: headers, body: body))
        return Answer(status: response.status, headers: response.headers, body: Data(buffer: response.body))
    }
}

/// A failed precondition of a test helper.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
