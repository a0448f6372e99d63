import Foundation

/// HTML for printed documents, escaped by default: an interpolated `String` is escaped, an
/// interpolated ``PrintHTML`` (or a list of them) is taken as markup. The server-side twin of the
/// web app's `html` tagged template, so a customer named `<b>` prints as text, never as markup.
///
/// ```swift
/// let row: PrintHTML = "<tr><td>\(line.productName)</td><td class=num>\(line.amount)</td></tr>"
/// ```
public struct PrintHTML: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    public private(set) var markup: String

    public init(stringLiteral value: String) { markup = value }
    public init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }
    /// Markup taken as it is: only for text the program wrote, never for data.
    public init(trusted markup: String) { self.markup = markup }

    public var description: String { markup }

    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""
        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { markup += literal }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += PrintHTML.escape(text) }
        /// Text or nothing.
        public mutating func appendInterpolation(_ text: String?) { markup += PrintHTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ html: PrintHTML) { markup += html.markup }
        public mutating func appendInterpolation(_ list: [PrintHTML]) { markup += list.map(\.markup).joined() }
    }

    /// `&`, `<`, `>`, `"` and `'` as character references.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// A printed document: what a module's template makes of one record, framed as a page.
public struct PrintDocument: Sendable {
    /// `en` or `zh-CN`: the page's `lang`, which picks the CJK glyphs (Noto Sans CJK SC).
    public var language: AppLanguage
    /// The document's title (the PDF's title too).
    public var title: String
    /// The content inside `<body>`.
    public var body: PrintHTML
    /// Extra CSS after the shared style sheet.
    public var style: String

    public init(language: AppLanguage, title: String, body: PrintHTML, style: String = "") {
        self.language = language
        self.title = title
        self.body = body
        self.style = style
    }

    /// The whole page: A4, 16 mm margins, Noto Sans CJK for Chinese and Latin alike (Debian's
    /// `fonts-noto-cjk`), so Chromium embeds the fonts and the text stays text.
    public var html: String {
        """
        <!DOCTYPE html>
        <html lang="\(PrintHTML.escape(language.rawValue))">
        <head>
        <meta charset="utf-8">
        <title>\(PrintHTML.escape(title))</title>
        <style>
        @page { size: A4; margin: 16mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; color: #1f2933; margin: 0; }
        h1 { font-size: 18pt; margin: 0 0 2mm; }
        h2 { font-size: 11pt; margin: 6mm 0 2mm; }
        table { width: 100%; border-collapse: collapse; }
        th, td { padding: 1.6mm 2mm; text-align: left; vertical-align: top; }
        thead th { border-bottom: 0.4mm solid #1f2933; font-weight: 600; }
        tbody td { border-bottom: 0.2mm solid #d5dbe1; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .muted { color: #5f6b76; }
        \(style)
        </style>
        </head>
        <body>
        \(body.markup)
        </body>
        </html>
        """
    }
}
