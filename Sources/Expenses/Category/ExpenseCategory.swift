import Fluent
import Foundation

/// An expense category of a company (费用类别); `limits` is JSON of tier → minor units per day.
final class ExpenseCategory: Model, @unchecked Sendable {
    static let schema = "expense_categories"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    /// The built-in category it started as (`travel`), nil for a company's own.
    @OptionalField(key: "key") var key: String?
    @Field(key: "name") var name: String
    @Field(key: "limits") var limitsJSON: String
    @Field(key: "archived") var archived: Bool
    @Field(key: "position") var position: Int
    @Field(key: "version") var version: Int

    init() {}

    /// Tier (`1`, `2`, `3`, `other`) → minor units per day.
    var limits: [String: Int64] { (try? JSONDecoder().decode([String: Int64].self, from: Data(limitsJSON.utf8))) ?? [:] }

    /// The categories a company starts with, named in its language.
    static let defaults: [(key: String, en: String, zh: String)] = [
        ("travel", "Travel", "差旅"), ("hotel", "Hotel", "住宿"), ("meals", "Meals", "餐饮"), ("entertainment", "Entertainment", "招待"),
        ("transport", "Transport", "交通"), ("office", "Office", "办公"), ("repairs", "Repairs", "维修"), ("other", "Other", "其他"),
    ]

    /// Adds the default categories the company lacks, in Chinese when `locale` is `zh-CN`.
    static func seed(tenantID: UUID, locale: String, on db: any Database) async throws {
        let existing = Set(try await ExpenseCategory.query(on: db).filter(\.$tenantID == tenantID).all().compactMap(\.key))
        let chinese = locale.hasPrefix("zh")
        for (position, d) in defaults.enumerated() where !existing.contains(d.key) {
            let row = ExpenseCategory()
            row.id = UUID()
            row.tenantID = tenantID
            row.key = d.key
            row.name = chinese ? d.zh : d.en
            row.limitsJSON = "{}"
            row.archived = false
            row.position = position
            row.version = 1
            try await row.create(on: db)
        }
    }
}

/// An expense item (费用项目) and the category its lines default to.
final class ExpenseItem: Model, @unchecked Sendable {
    static let schema = "expense_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "name") var name: String
    @Field(key: "default_category_id") var defaultCategoryID: UUID

    init() {}
}
