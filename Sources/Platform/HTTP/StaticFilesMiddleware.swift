import Vapor

/// Serves the web app from a folder, for GET/HEAD outside `/api/`. Odd paths (a NUL byte, a
/// segment longer than a file name may be, `..`) get 404 at once rather than reaching the file
/// system, and any failure of the file layer is a 404, never a 500 or a 403.
public struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    public init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: "index.html")
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard request.method == .GET || request.method == .HEAD, !path.hasPrefix("/api/") else {
            return try await next.respond(to: request)
        }
        let decoded = path.removingPercentEncoding ?? path
        let segments = decoded.split(separator: "/")
        guard !decoded.contains("\u{0}"), !segments.contains(where: { $0 == ".." || $0.utf8.count > 255 }), decoded.utf8.count <= 1024 else {
            throw Abort(.notFound)
        }
        do {
            return try await files.respond(to: request, chainingTo: next)
        } catch let error as any AbortError where error.status == .forbidden || error.status.code >= 500 {
            throw Abort(.notFound)
        } catch let error as any AbortError {
            throw error
        } catch {
            throw Abort(.notFound)
        }
    }
}
