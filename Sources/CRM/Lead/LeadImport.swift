import AfieldAPI
import Foundation
import Platform
import SwiftCSV

/// Importing leads from a CSV file (UTF-8, a header row) or an Excel workbook (`.xlsx`, its
/// first sheet, a header row) with the duplicate check (issue 12 point 1): each row is created as ``LeadService/create(_:)`` would, so a row matching an open
/// lead, a customer or an earlier row of the same file is refused and reported, not created.
///
/// Columns by header, English or Chinese, any order: `company`/公司 (required), `contact`/联系人,
/// `phone`/电话, `email`/邮箱, `source`/来源, `notes`/备注. Other columns are ignored.
struct LeadImport: Sendable {
    let context: ServiceContext

    static let maximumRows = 5000
    static let headers: [String: String] = [
        "company": "company", "公司": "company", "公司名称": "company", "contact": "contact", "联系人": "contact", "phone": "phone", "电话": "phone",
        "手机": "phone", "email": "email", "邮箱": "email", "source": "source", "来源": "source", "notes": "notes", "备注": "notes",
    ]

    /// The file's header and rows: a workbook when it starts as a ZIP does, else UTF-8 CSV.
    /// - Throws: 422 `crm.import.unreadable`, `crm.import.too_many_rows`.
    static func table(_ data: Data) throws -> (header: [String], rows: [[String]]) {
        let tooMany = DomainError(status: 422, code: "crm.import.too_many_rows", params: ["max": String(maximumRows)])
        if XLSXReader.looksLikeWorkbook(data) {
            do {
                let rows = try XLSXReader.rows(data, maximumRows: maximumRows + 1)
                guard let header = rows.first else { throw DomainError(status: 422, code: "crm.import.unreadable") }
                guard rows.count - 1 <= maximumRows else { throw tooMany }
                return (header, Array(rows.dropFirst()))
            } catch XLSXReader.Failure.tooManyRows { throw tooMany } catch let error as DomainError { throw error } catch {
                throw DomainError(status: 422, code: "crm.import.unreadable")
            }
        }
        guard var text = String(data: data, encoding: .utf8) else { throw DomainError(status: 422, code: "crm.import.unreadable") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: CSV<Enumerated>
        do { csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false) } catch {
            throw DomainError(status: 422, code: "crm.import.unreadable")
        }
        guard csv.rows.count <= maximumRows else { throw tooMany }
        return (csv.header, csv.rows)
    }

    /// - Throws: 403; 422 `crm.import.unreadable` (neither UTF-8 CSV nor a workbook),
    ///   `crm.import.no_company_column`, `crm.import.too_many_rows` (`max`).
    func run(_ data: Data) async throws -> LeadImportResult {
        try context.require(CRMModule.leadWrite)
        let table = try Self.table(data)
        let columns = table.header.map { Self.headers[$0.trimmingCharacters(in: .whitespaces).lowercased()] }
        guard let companyColumn = columns.firstIndex(of: "company") else { throw DomainError(status: 422, code: "crm.import.no_company_column") }
        let service = LeadService(context: context)
        var created = 0
        var refused: [LeadImportResult.Refused] = []
        for (index, row) in table.rows.enumerated() {
            func value(_ name: String) -> String? {
                guard let column = columns.firstIndex(of: name), column < row.count else { return nil }
                let text = row[column].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            let company = companyColumn < row.count ? row[companyColumn] : nil
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let input = LeadInput(company: value("company"), contactName: value("contact"), phone: value("phone"), email: value("email"),
                                  source: value("source") ?? "import", notes: value("notes"))
            do {
                _ = try await service.create(input)
                created += 1
            } catch let error as DomainError {
                let first = error.fields.first
                let code = first?.code ?? error.code
                let params = first?.params ?? error.params
                refused.append(.init(row: index + 1, company: company, code: code,
                                     message: context.settings.catalog.message(code, context.language, params: params)))
            }
        }
        return LeadImportResult(created: created, refused: refused)
    }
}
