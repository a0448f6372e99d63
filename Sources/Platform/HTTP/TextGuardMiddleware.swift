import Foundation
import Vapor

/// Refuses, before any route runs, text that no route may store or search with: a control
/// character (NUL above all) or a bidirectional override in any query parameter or in any
/// string (key or value) of a JSON body, and a query parameter longer than
/// ``TextInput/queryMax`` characters. Answers 422 with the offending field and changes nothing.
///
/// This is the outer of two fences: every route gets it, whether or not its own checks think
/// of it (a NUL in a sign-in e-mail once reached PostgreSQL and answered 500; SQLite cut
/// `"A\u{0}B"` to `"A"`). Services still check single-line fields themselves (names refuse line
/// breaks too), since imports and jobs do not pass through HTTP. Line breaks and tabs are
/// allowed in JSON strings (notes, addresses over several lines), never in query parameters.
///
/// Every route declared through ``RoutesBuilder/on(_:_:permission:summary:body:query:status:mutates:maxBodySize:use:)``
/// has it, with the route's own body limit.
public struct TextGuardMiddleware: AsyncMiddleware {
    /// Largest JSON body read (bytes): the route's own limit.
    let maxBodySize: Int
    /// Query parameters the route allows to be longer than ``TextInput/queryMax`` (a list of ids), by name.
    let longQueries: [String: Int]

    public init(maxBodySize: Int = 1_048_576, longQueries: [String: Int] = [:]) {
        self.maxBodySize = maxBodySize
        self.longQueries = longQueries
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var problems: [DomainError.Field] = []
        if let query = request.url.query {
            for item in URLComponents(string: "?" + query)?.queryItems ?? [] {
                let value = item.value ?? ""
                if TextInput.hasForbidden(item.name, multiline: false) || TextInput.hasForbidden(value, multiline: false) {
                    problems.append(.init(item.name, TextInput.Problem.controlCharacters.rawValue))
                } else if value.unicodeScalars.count > longQueries[item.name] ?? TextInput.queryMax {
                    let max = longQueries[item.name] ?? TextInput.queryMax
                    problems.append(.init(item.name, TextInput.Problem.tooLong.rawValue, params: ["max": String(max)]))
                }
            }
        }
        if request.headers.contentType?.subType == "json",
           let body = try await request.body.collect(max: maxBodySize).get(), body.readableBytes > 0,
           let value = try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed]) {
            Self.check(value, path: "", into: &problems)
        }
        guard problems.isEmpty else { throw DomainError.invalid(Array(problems.prefix(20))) }
        return try await next.respond(to: request)
    }

    /// Appends a problem for every string in `value` (keys too) with a forbidden character.
    static func check(_ value: Any, path: String, into problems: inout [DomainError.Field]) {
        switch value {
        case let text as String:
            if TextInput.hasForbidden(text, multiline: true) { problems.append(.init(path.isEmpty ? "body" : path, TextInput.Problem.controlCharacters.rawValue)) }
        case let object as [String: Any]:
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if TextInput.hasForbidden(key, multiline: false) {
                    problems.append(.init(path.isEmpty ? "body" : path, TextInput.Problem.controlCharacters.rawValue))
                    continue
                }
                check(item, path: keyPath, into: &problems)
            }
        case let array as [Any]:
            for (index, item) in array.enumerated() { check(item, path: "\(path)[\(index)]", into: &problems) }
        default:
            break
        }
    }
}
