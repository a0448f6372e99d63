import Foundation

/// The languages Afield speaks. Raw values are the BCP 47 tags the web app and API use.
public enum AppLanguage: String, Codable, Sendable, CaseIterable {
    case en
    case zhCN = "zh-CN"

    /// Reads a tag loosely: `zh`, `zh-Hans`, `zh_CN`, `zh-CN` → `.zhCN`; `en-US` → `.en`.
    public init?(tag: String) {
        let lower = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        if lower.hasPrefix("zh") { self = .zhCN } else if lower.hasPrefix("en") { self = .en } else { return nil }
    }

    /// The first supported language of an `Accept-Language` header, by its q-values (RFC 9110 §12.5.4).
    public static func negotiate(acceptLanguage header: String?) -> AppLanguage? {
        guard let header, !header.isEmpty else { return nil }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Double, Int, AppLanguage)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = AppLanguage(tag: tag) else { return nil }
            var q = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { q = Double(piece.dropFirst(2)) ?? 0 }
            return q > 0 ? (q, index, language) : nil
        }
        return ranked.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.first?.2
    }
}
