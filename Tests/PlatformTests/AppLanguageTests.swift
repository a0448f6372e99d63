import Platform
import Testing

@Suite("Language negotiation")
struct AppLanguageTests {
    @Test("Accept-Language picks the best supported language", arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", AppLanguage.zhCN), ("en-US,en;q=0.9", .en), ("fr-FR, zh-Hans;q=0.5", .zhCN),
        ("en;q=0.4, zh;q=0.8", .zhCN), ("zh-TW", .zhCN),
    ])
    func negotiates(header: String, expected: AppLanguage) {
        #expect(AppLanguage.negotiate(acceptLanguage: header) == expected)
    }

    @Test("nothing supported gives nil")
    func unsupported() {
        #expect(AppLanguage.negotiate(acceptLanguage: "fr-FR, de;q=0.5") == nil)
        #expect(AppLanguage.negotiate(acceptLanguage: nil) == nil)
    }

    @Test("catalog fills parameters and shows unknown codes as they are")
    func catalog() {
        var catalog = MessageCatalog()
        _ = catalog.merge(["x.y": .init(en: "At most {max}.", zhCN: "最多 {max}。")])
        #expect(catalog.message("x.y", .zhCN, params: ["max": "3"]) == "最多 3。")
        #expect(catalog.message("nope", .en) == "nope")
    }
}
