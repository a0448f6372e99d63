import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Categories, items and budgets of expenses: read by everyone who claims, changed by holders
/// of `expenses.config.manage`.
struct ExpenseSettingsService: Sendable {
    let context: ServiceContext

    var exponent: Int { context.actor.tenant.currency.exponent }

    func categories() async throws -> [ExpenseCategoryDTO] {
        try await ExpenseCategory.query(on: context.database).filter(\.$tenantID == context.tenantID).sort(\.$position).sort(\.$name).all().map(dto)
    }

    func createCategory(_ input: ExpenseCategoryInput) async throws -> ExpenseCategoryDTO {
        try context.require(ExpensesModule.configManage)
        var problems: [DomainError.Field] = []
        let name = Self.name(input.name, max: 60, problems: &problems)
        let limits = limits(input.limits, problems: &problems)
        guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
        let row = ExpenseCategory()
        row.id = UUID()
        row.tenantID = context.tenantID
        row.name = name
        row.limitsJSON = Self.json(limits ?? [:])
        row.archived = false
        row.position = 100
        row.version = 1
        try await save(row, action: "create", version: nil, changes: { $0.created([("name", name), ("limits", row.limitsJSON)]) })
        return dto(row)
    }

    func updateCategory(_ id: UUID, _ input: ExpenseCategoryUpdate) async throws -> ExpenseCategoryDTO {
        try context.require(ExpensesModule.configManage)
        guard let version = input.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        guard let row = try await ExpenseCategory.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("expense_category")
        }
        var problems: [DomainError.Field] = []
        let name = input.name == nil ? nil : Self.name(input.name, max: 60, problems: &problems)
        let limits = limits(input.limits, problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let before = (row.name, row.limitsJSON, row.archived)
        if let name { row.name = name }
        if let limits { row.limitsJSON = Self.json(limits) }
        if let archived = input.archived { row.archived = archived }
        try await save(row, action: "update", version: version) { changes in
            changes.set("name", before.0, row.name)
            changes.set("limits", before.1, row.limitsJSON)
            changes.set("archived", before.2, row.archived)
        }
        return dto(row)
    }

    func items() async throws -> [ExpenseItemDTO] {
        try await ExpenseItem.query(on: context.database).filter(\.$tenantID == context.tenantID).sort(\.$name).all()
            .map { ExpenseItemDTO(id: $0.id!, name: $0.name, defaultCategoryID: $0.defaultCategoryID) }
    }

    func createItem(_ input: ExpenseItemInput) async throws -> ExpenseItemDTO {
        try context.require(ExpensesModule.configManage)
        var problems: [DomainError.Field] = []
        let name = Self.name(input.name, max: 80, problems: &problems)
        let category = try await input.defaultCategoryID.asyncFlatMap { id in
            try await ExpenseCategory.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first()
        }
        if category == nil || category?.archived == true { problems.append(.init("defaultCategoryID", "expenses.unknown_category")) }
        guard problems.isEmpty, let name, let category else { throw DomainError.invalid(problems) }
        let row = ExpenseItem()
        row.id = UUID()
        row.tenantID = context.tenantID
        row.name = name
        row.defaultCategoryID = category.id!
        let audit = context.audit
        let now = context.now()
        do {
            try await context.write { db in
                try await row.create(on: db)
                var changes = AuditChanges()
                changes.created([("name", name), ("default_category", category.name)])
                try await AuditLog.append(entity: ExpensesModule.itemEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: db, now: now)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.invalid([.init("name", "expenses.name_taken")])
        }
        return ExpenseItemDTO(id: row.id!, name: name, defaultCategoryID: category.id!)
    }

    /// Budgets of `month` (`YYYY-MM`; all months when nil) the actor may see (their department
    /// scope on claims), with what is used and pending.
    func budgets(month: String?) async throws -> [ExpenseBudgetDTO] {
        try context.require(ExpensesModule.budgetRead)
        var query = ExpenseBudget.query(on: context.database).filter(\.$tenantID == context.tenantID)
        if let month { query = query.filter(\.$month == month) }
        let scope = try await context.recordScope(ExpensesModule.claimResource)
        let rows = try await query.sort(\.$month).all().filter { scope.contains(department: $0.departmentID, employee: nil, createdBy: nil) }
        return try await budgetDTOs(rows)
    }

    func createBudget(_ input: ExpenseBudgetInput) async throws -> ExpenseBudgetDTO {
        try context.require(ExpensesModule.configManage)
        var problems: [DomainError.Field] = []
        let db = context.database
        let department = try await input.departmentID.asyncFlatMap { try await Department.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$id == $0).first() }
        if department == nil { problems.append(.init("departmentID", input.departmentID == nil ? "field.required" : "expenses.unknown_department")) }
        let category = try await input.categoryID.asyncFlatMap { try await ExpenseCategory.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$id == $0).first() }
        if category == nil { problems.append(.init("categoryID", input.categoryID == nil ? "field.required" : "expenses.unknown_category")) }
        let month = input.month.flatMap { CalendarDay.isPlausibleBusinessDay($0 + "-01") && $0.count == 7 ? $0 : nil }
        if month == nil { problems.append(.init("month", "expenses.bad_month")) }
        let amount = self.amount(input.amount, path: "amount", problems: &problems)
        let action = input.action.flatMap { ["stop", "warn"].contains($0) ? $0 : nil }
        if action == nil { problems.append(.init("action", "expenses.bad_action")) }
        guard problems.isEmpty, let department, let category, let month, let amount, let action else { throw DomainError.invalid(problems) }
        let row = ExpenseBudget()
        row.id = UUID()
        row.tenantID = context.tenantID
        row.departmentID = department.id!
        row.categoryID = category.id!
        row.month = month
        row.amount = amount
        row.action = action
        row.version = 1
        let audit = context.audit
        let now = context.now()
        let exponent = exponent
        do {
            try await context.write { db in
                try await row.create(on: db)
                var changes = AuditChanges()
                changes.created([("department", department.name), ("category", category.name), ("month", month),
                                 ("amount", FixedDecimal.format(amount, scale: exponent)), ("action", action)])
                try await AuditLog.append(entity: ExpensesModule.budgetEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: db, now: now)
                try await Revisions.bump(ExpensesModule.revisionKey, tenantID: row.tenantID, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.invalid([.init("month", "expenses.budget_exists")])
        }
        return try await budgetDTOs([row])[0]
    }

    func updateBudget(_ id: UUID, _ input: ExpenseBudgetUpdate) async throws -> ExpenseBudgetDTO {
        try context.require(ExpensesModule.configManage)
        guard let version = input.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        guard let row = try await ExpenseBudget.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("expense_budget")
        }
        var problems: [DomainError.Field] = []
        let amount = input.amount == nil ? nil : self.amount(input.amount, path: "amount", problems: &problems)
        if let action = input.action, !["stop", "warn"].contains(action) { problems.append(.init("action", "expenses.bad_action")) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let audit = context.audit
        let now = context.now()
        let exponent = exponent
        try await context.write { db in
            let updated = try await (db as! any SQLDatabase).update(ExpenseBudget.schema)
                .set("amount", to: amount ?? row.amount).set("action", to: input.action ?? row.action).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("expense_budget") }
            var changes = AuditChanges()
            changes.set("amount", FixedDecimal.format(row.amount, scale: exponent), FixedDecimal.format(amount ?? row.amount, scale: exponent))
            changes.set("action", row.action, input.action ?? row.action)
            try await AuditLog.append(entity: ExpensesModule.budgetEntity, entityID: id, action: "update", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(ExpensesModule.revisionKey, tenantID: row.tenantID, on: db)
        }
        row.amount = amount ?? row.amount
        row.action = input.action ?? row.action
        row.version = version + 1
        return try await budgetDTOs([row])[0]
    }

    // MARK: - Shared

    func dto(_ c: ExpenseCategory) -> ExpenseCategoryDTO {
        ExpenseCategoryDTO(id: c.id!, key: c.key ?? "", name: c.name, limits: c.limits.mapValues { FixedDecimal.format($0, scale: exponent) },
                           archived: c.archived, version: c.version)
    }

    func budgetDTOs(_ rows: [ExpenseBudget]) async throws -> [ExpenseBudgetDTO] {
        let db = context.database
        let departments = Dictionary(uniqueKeysWithValues: try await Department.query(on: db).filter(\.$tenantID == context.tenantID).all().map { ($0.id!, $0.name) })
        let categories = Dictionary(uniqueKeysWithValues: try await ExpenseCategory.query(on: db).filter(\.$tenantID == context.tenantID).all().map { ($0.id!, $0.name) })
        var answer: [ExpenseBudgetDTO] = []
        for b in rows {
            let line = [(category: b.categoryID, date: b.month + "-01", amount: Int64(0))]
            let used = try await BudgetCheck.evaluate(departmentID: b.departmentID, lines: line, excluding: nil, counting: ClaimState.holdingOnApproval, lock: false,
                                                      tenantID: b.tenantID, on: db).first?.used ?? 0
            let held = try await BudgetCheck.evaluate(departmentID: b.departmentID, lines: line, excluding: nil, counting: ClaimState.holdingOnSubmit, lock: false,
                                                      tenantID: b.tenantID, on: db).first?.used ?? 0
            answer.append(ExpenseBudgetDTO(id: b.id!, departmentID: b.departmentID, departmentName: departments[b.departmentID], categoryID: b.categoryID,
                                           categoryName: categories[b.categoryID], month: b.month, amount: FixedDecimal.format(b.amount, scale: exponent),
                                           action: b.action, used: FixedDecimal.format(used, scale: exponent),
                                           pending: FixedDecimal.format(held - used, scale: exponent), version: b.version))
        }
        return answer
    }

    private func save(_ row: ExpenseCategory, action: String, version: Int?, changes build: (inout AuditChanges) -> Void) async throws {
        var changes = AuditChanges()
        build(&changes)
        let changed = changes
        let audit = context.audit
        let now = context.now()
        do {
            try await context.write { db in
                if let version {
                    let updated = try await (db as! any SQLDatabase).update(ExpenseCategory.schema)
                        .set("name", to: row.name).set("limits", to: row.limitsJSON).set("archived", to: row.archived)
                        .set(SQLColumn("version"), to: SQLRaw("version + 1")).where("id", .equal, row.id!).where("version", .equal, version).returning("id").first()
                    guard updated != nil else { throw DomainError.staleVersion("expense_category") }
                    row.version = version + 1
                } else {
                    try await row.create(on: db)
                }
                try await AuditLog.append(entity: ExpensesModule.categoryEntity, entityID: row.id, action: action, changes: changed, context: audit, on: db, now: now)
                try await Revisions.bump(ExpensesModule.revisionKey, tenantID: row.tenantID, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.invalid([.init("name", "expenses.name_taken")])
        }
    }

    func limits(_ raw: [String: DecimalText]?, problems: inout [DomainError.Field]) -> [String: Int64]? {
        guard let raw else { return nil }
        var answer: [String: Int64] = [:]
        for (tier, text) in raw {
            guard ["1", "2", "3", "other"].contains(tier) else { problems.append(.init("limits.\(tier.prefix(10))", "expenses.bad_city_tier")); continue }
            if let amount = amount(text, path: "limits.\(tier)", problems: &problems) { answer[tier] = amount }
        }
        return answer
    }

    func amount(_ raw: DecimalText?, path: String, problems: inout [DomainError.Field]) -> Int64? {
        guard let raw else { problems.append(.init(path, "field.required")); return nil }
        guard let value = try? FixedDecimal.parse(raw.text, scale: exponent), value > 0, value <= 1_000_000_000_000 else {
            problems.append(.init(path, "expenses.bad_amount", params: ["decimals": String(exponent)]))
            return nil
        }
        return value
    }

    static func name(_ raw: String?, max: Int, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.name(raw, max: max) {
        case .success(let name): return name
        case .failure(let problem): problems.append(problem.field("name")); return nil
        }
    }

    static func json(_ limits: [String: Int64]) -> String { String(decoding: (try? JSONEncoder.sortedKeys.encode(limits)) ?? Data("{}".utf8), as: UTF8.self) }
}

extension Optional {
    /// `transform` of the value, or nil.
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
