import AfieldAPI
import Foundation

/// The sensitive HR fields of an employee (DESIGN §5). Each is sealed with ``FieldCipher``
/// (AES-256-GCM) in its own `<name>_sealed` column; see docs/security.md.
public enum SensitiveField: String, CaseIterable, Sendable {
    case nationalID = "national_id"
    case bankAccount = "bank_account"
    case personalPhone = "personal_phone"
    case homeAddress = "home_address"
    /// Monthly gross salary, decimal text in `salary_currency`.
    case salary
    /// Hourly labour cost (人工费率), decimal text in the company's base currency (issue 13).
    case hourlyCost = "hourly_cost"

    /// The column holding the sealed value.
    public var column: String { rawValue + "_sealed" }

    /// The field's name in the API (`nationalId`), also the path of its field errors.
    public var apiName: String {
        switch self {
        case .nationalID: "nationalId"
        case .bankAccount: "bankAccount"
        case .personalPhone: "personalPhone"
        case .homeAddress: "homeAddress"
        case .salary: "salary"
        case .hourlyCost: "hourlyCost"
        }
    }

    /// Without the read permission: shown as its last four (`true`) or left out (`false`).
    public var showsLastFour: Bool { self == .nationalID || self == .bankAccount || self == .personalPhone }

    /// Longest text accepted.
    var maxLength: Int { self == .homeAddress ? 500 : 50 }

    var keyPath: ReferenceWritableKeyPath<Employee, String?> {
        switch self {
        case .nationalID: \.nationalIDSealed
        case .bankAccount: \.bankAccountSealed
        case .personalPhone: \.personalPhoneSealed
        case .homeAddress: \.homeAddressSealed
        case .salary: \.salarySealed
        case .hourlyCost: \.hourlyCostSealed
        }
    }
}

/// Opens, masks and seals an employee's sensitive fields: the one place that turns their
/// sealed columns into what a caller may see, so that every path (detail, directory, export,
/// the `current` record of a 409) follows the same rule.
public struct EmployeeSensitiveFields: Sendable {
    let cipher: FieldCipher

    public init(cipher: FieldCipher) { self.cipher = cipher }

    /// The fields as the caller may see them: in full when `reveal` (the caller holds
    /// `org.employee.sensitive.read`); otherwise the last four of national id, bank account and
    /// phone, and nothing of salary and address — those are not even decrypted.
    /// - Throws: ``FieldCipher/Problem`` when a value cannot be opened (wrong or missing key).
    public func view(_ employee: Employee, reveal: Bool) throws -> EmployeeSensitiveDTO {
        func value(_ field: SensitiveField) throws -> String? {
            guard reveal || field.showsLastFour, let sealed = employee[keyPath: field.keyPath] else { return nil }
            let plain = try cipher.open(sealed)
            return reveal ? plain : Self.mask(plain)
        }
        return EmployeeSensitiveDTO(
            revealed: reveal, nationalId: try value(.nationalID), bankAccount: try value(.bankAccount), personalPhone: try value(.personalPhone),
            homeAddress: try value(.homeAddress), salary: try value(.salary),
            salaryCurrency: reveal && employee.salarySealed != nil ? employee.salaryCurrency : nil, hourlyCost: try value(.hourlyCost))
    }

    /// `•••• 1234`: the last four letters or digits, when the value has at least eight of them;
    /// `••••` for shorter values, which would give too much away.
    public static func mask(_ value: String) -> String {
        let significant = value.filter { $0.isLetter || $0.isNumber }
        guard significant.count >= 8 else { return "••••" }
        return "•••• " + String(significant.suffix(4))
    }

    /// Checks the sensitive fields of `update` and applies the changed ones to `employee`
    /// (sealed). Unchanged values (same plaintext) are left alone, so a resend changes nothing.
    ///
    /// - Parameters:
    ///   - currency: the company's base currency, for the salary.
    ///   - problems: field errors are appended here (`field.too_long`, `number.*`,
    ///     `org.employee.salary_negative`); nothing is applied to a field with a problem.
    ///   - changes: gets a ``AuditChanges/setConcealed(_:hadValue:hasValue:)`` marker per changed
    ///     field — never a value.
    /// - Returns: the columns to write with their new sealed values (nil clears).
    func apply(_ update: EmployeeUpdate, to employee: Employee, currency: Currency, problems: inout [DomainError.Field],
               changes: inout AuditChanges) throws -> [(column: String, value: String?)] {
        var columns: [(column: String, value: String?)] = []
        let given: [(SensitiveField, String?)] = [
            (.nationalID, update.nationalId), (.bankAccount, update.bankAccount), (.personalPhone, update.personalPhone),
            (.homeAddress, update.homeAddress), (.salary, update.salary?.text), (.hourlyCost, update.hourlyCost?.text),
        ]
        for (field, raw) in given {
            guard let raw else { continue }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            var new: String? = trimmed.isEmpty ? nil : trimmed
            if let text = new, TextInput.hasForbidden(text, multiline: field == .homeAddress) {
                problems.append(.init(field.apiName, TextInput.Problem.controlCharacters.rawValue))
                continue
            }
            if let text = new, text.unicodeScalars.count > field.maxLength {
                problems.append(.init(field.apiName, "field.too_long", params: ["max": String(field.maxLength)]))
                continue
            }
            if field == .salary || field == .hourlyCost, let text = new {
                do {
                    let money = try Money(parsing: text, currency: currency)
                    guard money.minorUnits >= 0 else {
                        problems.append(.init(field.apiName, field == .salary ? "org.employee.salary_negative" : "org.employee.cost_negative"))
                        continue
                    }
                    new = money.decimalText
                } catch {
                    problems.append(error.field(field.apiName))
                    continue
                }
            }
            let sealedBefore = employee[keyPath: field.keyPath]
            let old = try sealedBefore.map { try cipher.open($0) }
            let currencyChanged = field == .salary && new != nil && employee.salaryCurrency != currency.code
            guard old != new || currencyChanged else { continue }
            let sealed = try new.map { try cipher.seal($0) }
            employee[keyPath: field.keyPath] = sealed
            columns.append((field.column, sealed))
            if field == .salary {
                employee.salaryCurrency = new == nil ? nil : currency.code
                columns.append(("salary_currency", employee.salaryCurrency))
            }
            changes.setConcealed(field.rawValue, hadValue: old != nil, hasValue: new != nil)
        }
        return columns
    }
}

extension EmployeeSensitiveFields {
    /// The hourly labour costs of `employees` that have one, in minor units of `currency` (the
    /// company's base currency, which costs are entered in). For costing timesheets: the caller
    /// shows costs only to people its own permission allows.
    /// - Throws: ``FieldCipher/Problem`` when a value cannot be opened.
    public func hourlyCosts(_ employees: [Employee], currency: Currency) throws -> [UUID: Int64] {
        var costs: [UUID: Int64] = [:]
        for employee in employees {
            guard let id = employee.id, let sealed = employee.hourlyCostSealed,
                  let money = try? Money(parsing: try cipher.open(sealed), currency: currency) else { continue }
            costs[id] = money.minorUnits
        }
        return costs
    }
}
