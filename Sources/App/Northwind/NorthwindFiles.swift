import Foundation
import SwiftCSV

/// The CSV files of the Northwind sample (one per table, header row, UTF-8), read as rows of
/// text by column name. Empty cells are nil: the source writes NULL as an empty field.
struct NorthwindFiles {
    let directory: URL

    /// The tables, one `<table>.csv` each, in the order they are read.
    static let tables = ["categories", "suppliers", "customers", "shippers", "products", "employees", "orders", "order_details"]

    /// Why a Northwind folder cannot be read.
    struct Problem: NorthwindFilesError {
        let description: String
    }

    func rows(_ table: String) throws -> [[String: String?]] {
        let url = directory.appendingPathComponent("\(table).csv")
        guard FileManager.default.fileExists(atPath: url.path) else { throw Problem(description: "missing \(url.path)") }
        let csv: CSV<Named>
        do {
            csv = try CSV<Named>(url: url, delimiter: .comma, encoding: .utf8, loadColumns: false)
        } catch {
            throw Problem(description: "cannot read \(url.path): \(error)")
        }
        return csv.rows.map { row in row.mapValues { $0.isEmpty ? nil : $0 } }
    }
}

extension Dictionary where Key == String, Value == String? {
    /// The cell, or nil when empty or absent.
    subscript(text key: String) -> String? { self[key] ?? nil }

    /// The cell, failing with the table and column when it is empty.
    func required(_ key: String, in table: String) throws -> String {
        guard let value = self[text: key] else { throw NorthwindFiles.Problem(description: "\(table): empty \(key)") }
        return value
    }
}

/// A problem with the Northwind files (missing, unreadable or inconsistent); `description` is one line.
public protocol NorthwindFilesError: Error, CustomStringConvertible {}
