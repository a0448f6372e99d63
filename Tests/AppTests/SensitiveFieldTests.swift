import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import SQLKit
import Testing
import Vapor

/// Sensitive HR fields (DESIGN §5): sealed at rest, and without `org.employee.sensitive.read`
/// masked or left out on every path — detail, directory, search, export, change feed, History,
/// audit log and the current record of a 409.
@Suite("Sensitive HR fields")
struct SensitiveFieldTests {
    static let nationalID = "110101199003077777"
    static let bank = "6222 0212 3456 7890"
    static let phone = "+86 138 0013 8000"
    static let address = "Flat 3, 12 Garden Road, Shanghai"
    static let plaintexts = [nationalID, bank, phone, address, "8500.50", "0212 3456", "138 0013"]

    /// Robert King with every sensitive field set by the administrator.
    static func robertWithSecrets(_ admin: APIClient) async throws -> EmployeeDTO {
        let robert = try await EmployeeEditTests.employee(admin, "Robert King")
        let answer = try await admin.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(
            version: robert.version, nationalId: nationalID, bankAccount: bank, personalPhone: phone, homeAddress: address, salary: "8500.5"),
            headers: [("Idempotency-Key", "robert-secrets")])
        guard answer.status == .ok else { throw TestFailure("setting Robert's fields: \(answer.status) \(answer.text)") }
        return try answer.decode()
    }

    static func noPlaintext(_ text: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in plaintexts { #expect(!text.contains(secret), "\(path) shows \(secret)", sourceLocation: sourceLocation) }
    }

    @Test("the administrator sees and sets them; the database holds only sealed values (columns, audit log, idempotency store)")
    func sealedAtRest() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let robert = try await Self.robertWithSecrets(admin)
            let s = try #require(robert.sensitive)
            #expect(s == EmployeeSensitiveDTO(revealed: true, nationalId: Self.nationalID, bankAccount: Self.bank, personalPhone: Self.phone,
                                              homeAddress: Self.address, salary: "8500.50", salaryCurrency: "USD"))

            let sql = app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("""
                SELECT national_id_sealed, bank_account_sealed, personal_phone_sealed, home_address_sealed, salary_sealed, salary_currency
                FROM employees WHERE id = \(bind: robert.id)
                """).first())
            let cipher = app.afield.cipher
            for (column, plain) in [("national_id_sealed", Self.nationalID), ("bank_account_sealed", Self.bank), ("personal_phone_sealed", Self.phone),
                                    ("home_address_sealed", Self.address), ("salary_sealed", "8500.50")] {
                let stored = try row.decode(column: column, as: String.self)
                #expect(stored.hasPrefix("v1:\(cipher.current.id):"), "\(column) is sealed")
                Self.noPlaintext(stored, column)
                #expect(!stored.contains("7777") && !stored.contains(plain), "\(column) holds no part of the value")
                #expect(try cipher.open(stored) == plain, "\(column) opens to the value")
            }
            #expect(try row.decode(column: "salary_currency", as: String.self) == "USD")
            let audit = try await sql.raw("SELECT changes FROM audit_entries").all().map { try $0.decode(column: "changes", as: String.self) }
            Self.noPlaintext(audit.joined(separator: "\n"), "audit_entries.changes")
            let stored = try await sql.raw("SELECT body, request_hash FROM idempotency_keys").all()
            #expect(!stored.isEmpty)
            for r in stored {
                Self.noPlaintext(try r.decode(column: "body", as: String.self), "idempotency_keys.body")
                #expect(try r.decode(column: "body", as: String.self).hasPrefix("v1:"))
            }
            // The sealed idempotency answer still replays.
            let replay = try await admin.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(
                version: robert.version! - 1, nationalId: Self.nationalID, bankAccount: Self.bank, personalPhone: Self.phone, homeAddress: Self.address,
                salary: "8500.5"), headers: [("Idempotency-Key", "robert-secrets")])
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try replay.decode(EmployeeDTO.self).sensitive?.nationalId == Self.nationalID)
        }
    }

    @Test("a sales user sees them masked on the detail, the directory and the export, cannot search by them, and the feed and History show no values")
    func maskedOnEveryPath() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            var cursor: Int64 = 0
            while true {
                let page: ChangeFeed = try await nancy.get("/api/v1/sync/changes?after=\(cursor)&limit=200").decode()
                cursor = page.next
                if !page.hasMore { break }
            }
            let robert = try await Self.robertWithSecrets(admin)
            let masked = EmployeeSensitiveDTO(revealed: false, nationalId: "•••• 7777", bankAccount: "•••• 7890", personalPhone: "•••• 8000")

            let detail = try await nancy.get("/api/v1/org/employees/\(robert.id)")
            #expect(try detail.decode(EmployeeDTO.self).sensitive == masked)
            Self.noPlaintext(detail.text, "detail")
            let list = try await nancy.get("/api/v1/org/employees?limit=200")
            #expect(try list.decode(AfieldAPI.Page<EmployeeDTO>.self).items.first { $0.id == robert.id }?.sensitive == masked)
            Self.noPlaintext(list.text, "directory")
            for secret in [Self.nationalID, "7777", "6222", "0212", "8000", "Garden", "8500"] {
                let q = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                #expect(try await nancy.get("/api/v1/org/employees?q=\(q)").decode(AfieldAPI.Page<EmployeeDTO>.self).total == 0, "search by \(secret)")
                #expect(try await admin.get("/api/v1/org/employees?q=\(q)").decode(AfieldAPI.Page<EmployeeDTO>.self).total == 0, "sealed fields are not searchable")
            }

            let export = try await nancy.get("/api/v1/org/employees/export.csv")
            #expect(export.status == .ok)
            #expect(export.headers.contentType?.serialize().hasPrefix("text/csv") == true)
            let line = try #require(export.text.split(separator: "\r\n").first { $0.contains("Robert King") })
            #expect(line.hasSuffix(",•••• 7777,•••• 7890,•••• 8000,,,,"), "\(line)")
            Self.noPlaintext(export.text, "export")
            let full = try await admin.get("/api/v1/org/employees/export.csv")
            // A leading "+" is quoted against spreadsheet formulas, as in every export.
            #expect(full.text.contains("\(Self.nationalID),\(Self.bank),'\(Self.phone),\"\(Self.address)\",8500.50,USD"), "\(full.text)")

            let feed = try await nancy.get("/api/v1/sync/changes?after=\(cursor)")
            let changes = try feed.decode(ChangeFeed.self).changes
            #expect(changes.contains { $0.entity == "platform.employee" && $0.id == robert.id && $0.action == "update" })
            Self.noPlaintext(feed.text, "change feed")

            let history = try await nancy.get("/api/v1/org/employees/\(robert.id)/history")
            let entry = try #require(try history.decode([AuditEntryDTO].self).first)
            #expect(entry.changes["national_id"] == .init(before: nil, after: AuditChanges.concealed))
            #expect(entry.changes["salary"] == .init(before: nil, after: AuditChanges.concealed))
            Self.noPlaintext(history.text, "History")
            let log = try await admin.get("/api/v1/audit/entries?entity=platform.employee&record=\(robert.id)")
            #expect(log.text.contains(AuditChanges.concealed))
            Self.noPlaintext(log.text, "audit log")
        }
    }

    @Test("editing without the sensitive permissions: masked 409 current, 403 on a sensitive field and nothing changes; the hr role reads and writes them")
    func permissions() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let robert = try await Self.robertWithSecrets(admin)
            // An integration token that may edit employees but not see or change their sensitive fields.
            let token: NewTokenResponse = try await admin.post("/api/v1/auth/tokens", json: NewTokenRequest(
                name: "directory sync", permissions: ["org.directory.read", "org.employee.manage"])).decode()
            var integration = client
            integration.token = token.token
            let stale = try await integration.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: EmployeeUpdate(version: 1, title: "X"))
            #expect(stale.status == .conflict)
            #expect(try stale.decode(StaleAnswer<EmployeeDTO>.self).current.sensitive?.nationalId == "•••• 7777")
            Self.noPlaintext(stale.text, "409 current")
            let before = try await AuditEntry.query(on: app.db).count()
            let refused = try await integration.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                                     json: EmployeeUpdate(version: robert.version, title: "Y", bankAccount: "1"))
            #expect(refused.status == .forbidden)
            #expect(try refused.error.params["permission"] == "org.employee.sensitive.write")
            #expect(try await AuditEntry.query(on: app.db).count() == before)
            let edited: EmployeeDTO = try await integration.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                                                 json: EmployeeUpdate(version: robert.version, title: "Y")).decode()
            #expect(edited.title == "Y" && edited.sensitive?.revealed == false && edited.sensitive?.salary == nil)

            // Laura becomes HR: she reads and changes them; a manager does not.
            let users: AfieldAPI.Page<UserDTO> = try await admin.get("/api/v1/auth/users?q=laura").decode()
            let laura = try #require(users.items.first)
            let updated = try await admin.send(.PATCH, "/api/v1/auth/users/\(laura.id)", json: UserUpdate(version: laura.version, roles: ["hr"]))
            #expect(updated.status == .ok, "\(updated.text)")
            let hr = try await client.signedIn("laura.callahan@northwind.example")
            let seen: EmployeeDTO = try await hr.get("/api/v1/org/employees/\(robert.id)").decode()
            #expect(seen.sensitive?.salary == "8500.50" && seen.sensitive?.homeAddress == Self.address)
            let raised: EmployeeDTO = try await hr.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                                        json: EmployeeUpdate(version: seen.version, salary: "9000")).decode()
            #expect(raised.sensitive?.salary == "9000.00")
            let steven = try await client.signedIn("steven.buchanan@northwind.example")
            #expect(try await steven.get("/api/v1/org/employees/\(robert.id)").decode(EmployeeDTO.self).sensitive?.salary == nil)
        }
    }

    @Test("salary is money in the company's currency: decimals, sign and clearing are checked; an unchanged value changes nothing")
    func salaryRules() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let robert = try await Self.robertWithSecrets(admin)
            let path = "/api/v1/org/employees/\(robert.id)"
            for (value, code, message) in [("12.345", "number.too_many_decimals", "Use at most 2 decimal places."),
                                           ("-1", "org.employee.salary_negative", "The salary cannot be negative."),
                                           ("1e3", "number.not_a_number", "Enter a number.")] {
                let answer = try await admin.send(.PATCH, path, json: EmployeeUpdate(version: robert.version, salary: DecimalText(value)))
                #expect(try answer.error.fields?.map { "\($0.field) \($0.code) \($0.message)" } == ["salary \(code) \(message)"], "\(value)")
            }
            let long = try await admin.send(.PATCH, path, json: EmployeeUpdate(version: robert.version, nationalId: String(repeating: "9", count: 51)))
            #expect(try long.error.fields?.map(\.code) == ["field.too_long"])
            let before = try await AuditEntry.query(on: app.db).count()
            let same: EmployeeDTO = try await admin.send(.PATCH, path, json: EmployeeUpdate(
                version: robert.version, nationalId: Self.nationalID, salary: "8500.50")).decode()
            #expect(same.version == robert.version)
            #expect(try await AuditEntry.query(on: app.db).count() == before)
            let cleared: EmployeeDTO = try await admin.send(.PATCH, path, json: EmployeeUpdate(version: robert.version, homeAddress: "", salary: "")).decode()
            #expect(cleared.sensitive?.salary == nil && cleared.sensitive?.salaryCurrency == nil && cleared.sensitive?.homeAddress == nil)
            let history: [AuditEntryDTO] = try await admin.get("\(path)/history").decode()
            #expect(history.first?.changes["salary"] == .init(before: AuditChanges.concealed, after: nil))
            #expect(history.first?.changes["home_address"] == .init(before: AuditChanges.concealed, after: nil))
        }
    }
}
