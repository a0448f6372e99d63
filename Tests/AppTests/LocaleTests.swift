import AfieldTesting
import Foundation
import Platform
import Testing

/// The web app's two languages stay in step, and every organisation error the server can send
/// has a translation in both.
@Suite("Web app languages")
struct LocaleTests {
    static func keys(_ file: String) throws -> Set<String> {
        let url = TestDatabases.packageRoot.appendingPathComponent("Public/app/locales/\(file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"^  '([^']+)':"#, options: [.anchorsMatchLines])
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return Set(matches.compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
    }

    @Test("en.js and zh-CN.js have the same keys; org error codes and every permission are translated in both")
    func sameKeys() async throws {
        let en = try Self.keys("en.js"), zh = try Self.keys("zh-CN.js")
        #expect(en.count > 400)
        #expect(en.subtracting(zh).sorted() == [], "missing in zh-CN.js")
        #expect(zh.subtracting(en).sorted() == [], "missing in en.js")
        try await withAfield(demo: false) { app, _ in
            let codes = app.afield.catalog.codes.filter { $0.hasPrefix("org.") }
            #expect(codes.count >= 20)
            for code in codes { #expect(en.contains("error.\(code)"), "error.\(code)") }
            // The roles page names every permission.
            for permission in (app.afield.permissions + app.afield.personalPermissions).map(\.key) { #expect(en.contains("permission.\(permission)"), "permission.\(permission)") }
        }
    }
}
