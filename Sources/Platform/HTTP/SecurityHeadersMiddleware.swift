import Vapor

/// Security headers on every answer (DESIGN §5): a CSP without inline script or style,
/// no framing, no MIME sniffing, a strict referrer policy; HSTS only when served over TLS.
/// Images may be `blob:` URLs: a receipt photo taken offline is shown from the device before it is sent.
public struct SecurityHeadersMiddleware: AsyncMiddleware {
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    let hsts: Bool

    public init(hsts: Bool) { self.hsts = hsts }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if hsts { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000") }
        if request.url.path.hasPrefix("/api/") { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
