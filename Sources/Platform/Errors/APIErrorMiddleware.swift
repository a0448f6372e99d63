import AfieldAPI
import Foundation
import AsyncKit
import Vapor

/// Turns every error into the JSON body of DESIGN §4, localised for the caller.
///
/// Mapping: ``DomainError`` as declared; `DecodingError` → 400 `request.malformed_json` when the
/// body is not JSON at all, else 422 with the offending field path; Vapor's `AbortError` → its
/// status with a code from the status (`not_found`, `request.too_large`, …); anything else → 500
/// `internal` (logged, details never sent).
public struct APIErrorMiddleware: AsyncMiddleware {
    let catalog: MessageCatalog

    public init(catalog: MessageCatalog) { self.catalog = catalog }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return try render(error, for: request).response
        }
    }

    /// The answer for `error` as this middleware sends it, with the error's code.
    func render(_ error: any Error, for request: Request) throws -> (response: Response, code: String) {
        let (status, detail) = describe(error, language: request.language, request: request)
        let response = Response(status: status)
        // An Allow on 405, a WWW-Authenticate: what the error says about how to retry.
        if let abort = error as? any AbortError { for (name, value) in abort.headers { response.headers.add(name: name, value: value) } }
        try response.content.encode(Envelope(error: detail, current: (error as? DomainError)?.current), using: JSONEncoder.afield)
        return (response, detail.code)
    }

    func describe(_ error: any Error, language: AppLanguage, request: Request) -> (HTTPResponseStatus, ErrorDetail) {
        switch error {
        case let domain as DomainError:
            return (HTTPResponseStatus(statusCode: Int(domain.status)), detail(domain, language))
        case let decoding as DecodingError:
            return describe(decoding, language: language)
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy: the request changed nothing and may be
            // retried — say so instead of a 500.
            request.logger.warning("database connection pool exhausted: \(error)")
            return (.serviceUnavailable, ErrorDetail(code: "server.busy", message: catalog.message("server.busy", language)))
        case let abort as any AbortError:
            let code: String = switch abort.status {
            case .notFound: "not_found"
            case .unauthorized: "auth.unauthenticated"
            case .forbidden: "auth.forbidden"
            case .payloadTooLarge: "request.too_large"
            case .unsupportedMediaType: "request.unsupported_media_type"
            case .methodNotAllowed: "request.method_not_allowed"
            case .tooManyRequests: "request.too_many"
            case .badRequest: "request.bad_request"
            default: abort.status.code >= 500 ? "internal" : "request.bad_request"
            }
            if abort.status.code >= 500 { request.logger.report(error: error) }
            let params = code == "not_found" ? ["entity": catalog.message("entity.record", language)] : [:]
            // A body over the route's limit: say the limit, so the person knows what to send.
            if abort.status == .payloadTooLarge, let max = request.route?.userInfo[RouteInfo.maxBodySize] as? Int {
                let detail = ErrorDetail(code: "request.too_large_max", message: catalog.message("request.too_large_max", language,
                                                                                                 params: ["max": Self.size(max)]),
                                         params: ["max": Self.size(max)])
                return (abort.status, detail)
            }
            return (abort.status, ErrorDetail(code: code, message: catalog.message(code, language, params: params)))
        default:
            request.logger.report(error: error)
            return (.internalServerError, ErrorDetail(code: "internal", message: catalog.message("internal", language)))
        }
    }

    /// Bytes as people read them: `5 MB`, `512 KB` (binary units, as upload limits are set).
    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 && bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : bytes >= 1024 ? "\(bytes / 1024) KB" : "\(bytes) B"
    }

    func detail(_ error: DomainError, _ language: AppLanguage) -> ErrorDetail {
        var params = error.params
        if let entity = params["entity"] { params["entity"] = catalog.message("entity.\(entity)", language) }
        // Values with their own translation (`sales.order.invalid_transition.state.confirmed`) are shown translated.
        for (key, value) in params where catalog.contains("\(error.code).\(key).\(value)") {
            params[key] = catalog.message("\(error.code).\(key).\(value)", language)
        }
        let fields = error.fields.map {
            FieldError(field: $0.path, code: $0.code, message: catalog.message($0.code, language, params: $0.params))
        }
        return ErrorDetail(code: error.code, message: catalog.message(error.code, language, params: params),
                           params: error.params, fields: fields.isEmpty ? nil : fields)
    }

    private func describe(_ error: DecodingError, language: AppLanguage) -> (HTTPResponseStatus, ErrorDetail) {
        let path: [any CodingKey]
        let code: String
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return (.badRequest, ErrorDetail(code: "request.malformed_json", message: catalog.message("request.malformed_json", language)))
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            // A JSON value of the wrong kind at the top (an array where an object belongs).
            return (.badRequest, ErrorDetail(code: "request.malformed_json", message: catalog.message("request.malformed_json", language)))
        case .dataCorrupted(let context): path = context.codingPath; code = "request.invalid_value"
        case .typeMismatch(_, let context): path = context.codingPath; code = "request.invalid_value"
        case .valueNotFound(_, let context): path = context.codingPath; code = "request.missing_value"
        case .keyNotFound(let key, let context): path = context.codingPath + [key]; code = "request.missing_value"
        @unknown default: path = []; code = "request.invalid_value"
        }
        let field = Self.fieldPath(path)
        let fieldError = FieldError(field: field, code: code, message: catalog.message(code, language, params: ["field": field]))
        return (.unprocessableEntity, ErrorDetail(code: "validation_failed", message: catalog.message("validation_failed", language, params: ["count": "1"]),
                                                  params: ["count": "1"], fields: [fieldError]))
    }

    /// ``ErrorResponse`` plus the optional current record.
    private struct Envelope: Encodable {
        let error: ErrorDetail
        let current: (any Encodable & Sendable)?
        enum CodingKeys: String, CodingKey { case error, current }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(error, forKey: .error)
            if let current { try c.encode(current, forKey: .current) }
        }
    }

    /// `lines`, `0`, `quantity` → `lines[0].quantity`.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text
    }
}
