import Foundation

/// Localised message templates by error/message code, merged from every module.
///
/// Templates use `{name}` placeholders filled from an error's params. Each module ships its own
/// entries (``AfieldModule/messages``); the catalog is built once at start-up and read-only after.
public struct MessageCatalog: Sendable {
    /// One message in every supported language.
    public struct Entry: Sendable {
        public var en: String
        public var zhCN: String
        public init(en: String, zhCN: String) {
            self.en = en
            self.zhCN = zhCN
        }
    }

    private var entries: [String: Entry] = [:]

    public init(_ entries: [String: Entry] = [:]) { self.entries = entries }

    /// Adds `other`'s entries; a code defined twice keeps the first definition and is reported.
    public mutating func merge(_ other: [String: Entry]) -> [String] {
        var clashes: [String] = []
        for (code, entry) in other {
            if entries[code] != nil { clashes.append(code) } else { entries[code] = entry }
        }
        return clashes
    }

    public func contains(_ code: String) -> Bool { entries[code] != nil }

    /// The message for `code` in `language` with params filled in; the code itself when unknown,
    /// so that a missing translation is visible rather than silent.
    public func message(_ code: String, _ language: AppLanguage, params: [String: String] = [:]) -> String {
        guard let entry = entries[code] else { return code }
        var text = language == .zhCN ? entry.zhCN : entry.en
        for (key, value) in params { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    public var codes: [String] { entries.keys.sorted() }
}
