import Vapor

/// CSV (RFC 4180) for exports.
public enum CSVText {
    /// One field: quoted when it holds a comma, quote or line break (RFC 4180 §2); a leading `=`,
    /// `+`, `-`, `@`, tab or carriage return is neutralised so a spreadsheet does not run it as a
    /// formula (OWASP "CSV Injection": spreadsheets skip a leading tab or CR and read what follows).
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Lines joined with CRLF, each a row of escaped fields.
    public static func document(header: [String], rows: [[String?]]) -> String {
        ([header.joined(separator: ",")] + rows.map { $0.map { field($0 ?? "") }.joined(separator: ",") }).joined(separator: "\r\n") + "\r\n"
    }

    /// A download answer: UTF-8 with a byte order mark (so spreadsheets read CJK correctly).
    public static func response(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + text))
    }
}
