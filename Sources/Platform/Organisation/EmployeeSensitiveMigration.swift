import Fluent

/// `org.0004_employee_sensitive_fields`: the sensitive HR fields of employees, each a sealed
/// text (``FieldCipher``), and the salary's currency. One column per `ALTER TABLE`, as SQLite needs.
struct AddEmployeeSensitiveFields: AsyncMigration {
    var name: String { "org.0004_employee_sensitive_fields" }

    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("national_id_sealed", .string), ("bank_account_sealed", .string), ("personal_phone_sealed", .string),
        ("home_address_sealed", .string), ("salary_sealed", .string), ("salary_currency", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (column, type) in Self.columns { try await database.schema(Employee.schema).field(FieldKey(stringLiteral: column), type).update() }
    }

    func revert(on database: any Database) async throws {
        for (column, _) in Self.columns.reversed() { try await database.schema(Employee.schema).deleteField(FieldKey(stringLiteral: column)).update() }
    }
}

/// `org.0005_employee_hourly_cost`: the sealed hourly labour cost that timesheets cost projects at.
struct AddEmployeeHourlyCost: AsyncMigration {
    var name: String { "org.0005_employee_hourly_cost" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Employee.schema).field("hourly_cost_sealed", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Employee.schema).deleteField("hourly_cost_sealed").update()
    }
}
