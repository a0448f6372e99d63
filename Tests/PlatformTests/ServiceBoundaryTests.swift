import Foundation
import Testing

/// Services take a ``ServiceContext``, never Vapor's `Request` (issue 9 point 5, DESIGN §1,
/// `docs/modules.md`): this reads the sources and fails when `Request` comes back as a type
/// outside the HTTP edge.
///
/// - Domain modules (every target under `Sources/` but Platform, AfieldAPI, AfieldTesting, App
///   and afield): only controllers (`*Controller.swift`) may name `Request`.
/// - Platform: controllers, middleware, the route declarations (`Access/SecuredRoutes.swift`)
///   and `HTTP/` may; elsewhere only as `extension Request` — an adapter that reads values off a
///   request (its actor, audit context, language, database), never a service taking one.
///
/// Comments and string literals do not count (`X-Request-Id` is a header, not a type).
@Suite("Service boundary")
struct ServiceBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let edgeTargets: Set<String> = ["Platform", "AfieldAPI", "AfieldTesting", "App", "afield"]

    /// Swift files under `Sources/<target>/`, as paths relative to `Sources/`.
    static func files(in target: String) throws -> [String] {
        let base = root.appendingPathComponent("Sources").appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "\(target)/\($0)" }.sorted()
    }

    /// Lines of `path` that use `Request` as a word, with comments and string literals removed.
    static func uses(_ path: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("Sources").appendingPathComponent(path), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { raw -> String? in
            var line = String(raw)
            if let comment = line.range(of: "//") { line = String(line[..<comment.lowerBound]) }
            line = line.replacingOccurrences(of: #""([^"\\]|\\.)*""#, with: "\"\"", options: .regularExpression)
            return line.range(of: #"\bRequest\b"#, options: .regularExpression) != nil ? line.trimmingCharacters(in: .whitespaces) : nil
        }
    }

    @Test("the boundary check sees a use of Request and skips comments and strings")
    func checkItself() throws {
        #expect(try Self.uses("Platform/HTTP/Request+ServiceContext.swift").contains("extension Request {"))
        #expect(try Self.uses("Platform/Audit/AuditContext.swift") == ["extension Request {"])
    }

    @Test("no domain module file but a controller names Vapor's Request")
    func domainServicesTakeNoRequest() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
            .filter { !$0.hasPrefix(".") && !Self.edgeTargets.contains($0) }.sorted()
        #expect(targets.contains("Sales") && targets.contains("Partners") && targets.contains("Approvals"))
        var offenders: [String] = []
        for target in targets {
            for file in try Self.files(in: target) where !file.hasSuffix("Controller.swift") {
                offenders += try Self.uses(file).map { "\(file): \($0)" }
            }
        }
        #expect(offenders == [])
    }

    @Test("Platform names Request only at the HTTP edge and in request adapters")
    func platformServicesTakeNoRequest() throws {
        var offenders: [String] = []
        for file in try Self.files(in: "Platform") {
            if file.hasSuffix("Controller.swift") || file.hasSuffix("Middleware.swift") || file.hasPrefix("Platform/HTTP/")
                || file == "Platform/Access/SecuredRoutes.swift" { continue }
            offenders += try Self.uses(file).filter { !$0.hasPrefix("extension Request ") }.map { "\(file): \($0)" }
        }
        #expect(offenders == [])
    }
}
