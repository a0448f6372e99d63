import Vapor

/// Serves the web app from a folder, for GET/HEAD outside `/api/`. Odd paths (a NUL byte, a
/// segment longer than a file name may be, `..`) get 404 at once rather than reaching the file
/// system, and any failure of the file layer is a 404, never a 500 or a 403.
///
/// `GET /app-shell.json` answers the ``ShellManifest``. It and the service worker (`/sw.js`) are
/// sent with `Cache-Control: no-store`, so a new version is seen on the next load; every other
/// file is `no-cache` (revalidated by ETag): the service worker, not the HTTP cache, keeps the
/// shell for offline use, and two versions' modules never meet in one page.
public struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    let manifest: ShellManifest

    static let compressible: [HTTPMediaType] = [.html, .css, HTTPMediaType(type: "application", subType: "javascript"), .json, .svg, .plainText]

    public init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: "index.html")
        manifest = ShellManifest(publicDirectory: publicDirectory)
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
        if path == ShellManifest.path {
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            headers.responseCompression = .enable
            return Response(status: .ok, headers: headers, body: .init(string: manifest.json()))
        }
        do {
            let response = try await files.respond(to: request, chainingTo: next)
            if response.status == .ok || response.status == .notModified {
                response.headers.replaceOrAdd(name: .cacheControl, value: path == "/sw.js" ? "no-store" : "no-cache")
            }
            if path.hasSuffix(".webmanifest") { response.headers.replaceOrAdd(name: .contentType, value: "application/manifest+json") }
            // Text shrinks to about a third with gzip: the first start on a slow phone link is mostly this download.
            if let type = response.headers.contentType, Self.compressible.contains(where: { type.type == $0.type && type.subType == $0.subType })
                || path.hasSuffix(".webmanifest") {
                response.headers.responseCompression = .enable
            }
            return response
        } catch let error as any AbortError where error.status == .forbidden || error.status.code >= 500 {
            throw Abort(.notFound)
        } catch let error as any AbortError {
            throw error
        } catch {
            throw Abort(.notFound)
        }
    }
}
