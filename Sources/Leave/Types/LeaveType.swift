import AfieldAPI
import Fluent
import Foundation
import Platform

/// A leave type of a company (假期类型); see ``AfieldAPI/LeaveTypeDTO``.
final class LeaveType: Model, @unchecked Sendable {
    static let schema = "leave_types"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "key") var key: String
    @Field(key: "name_en") var nameEN: String
    @Field(key: "name_zh") var nameZH: String
    /// `day`, `halfDay` or `hour`.
    @Field(key: "unit") var unit: String
    @Field(key: "paid") var paid: Bool
    @Field(key: "needs_document") var needsDocument: Bool
    @Field(key: "counts_holidays") var countsHolidays: Bool
    @Field(key: "tracks_balance") var tracksBalance: Bool
    @Field(key: "position") var position: Int

    init() {}

    func name(_ language: AppLanguage) -> String { language == .zhCN ? nameZH : nameEN }

    func dto(_ language: AppLanguage) -> LeaveTypeDTO {
        LeaveTypeDTO(id: id!, key: key, name: name(language), unit: unit, paid: paid, needsDocument: needsDocument, countsHolidays: countsHolidays,
                     tracksBalance: tracksBalance)
    }

    /// The types every company starts with, after China's rules: annual leave (带薪年休假,
    /// 《职工带薪年休假条例》) by balance; sick leave with a medical certificate; personal leave
    /// unpaid; marriage leave; maternity leave counted in calendar days (98 days of
    /// 《女职工劳动保护特别规定》 Art. 7 include holidays); paternity and bereavement leave;
    /// compensatory leave (调休假) in hours, earned by approved overtime.
    static let defaults: [(key: String, en: String, zh: String, unit: String, paid: Bool, document: Bool, holidays: Bool, balance: Bool)] = [
        ("annual", "Annual leave", "年假", "halfDay", true, false, false, true),
        ("sick", "Sick leave", "病假", "halfDay", true, true, false, false),
        ("personal", "Personal leave", "事假", "halfDay", false, false, false, false),
        ("marriage", "Marriage leave", "婚假", "day", true, true, false, false),
        ("maternity", "Maternity leave", "产假", "day", true, true, true, false),
        ("paternity", "Paternity leave", "陪产假", "day", true, false, false, false),
        ("bereavement", "Bereavement leave", "丧假", "day", true, false, false, false),
        ("compensatory", "Compensatory leave", "调休假", "hour", true, false, false, true),
    ]

    /// Adds the default types the company lacks.
    static func seed(tenantID: UUID, on db: any Database) async throws {
        let existing = Set(try await LeaveType.query(on: db).filter(\.$tenantID == tenantID).all().map(\.key))
        for (position, d) in defaults.enumerated() where !existing.contains(d.key) {
            let row = LeaveType()
            row.id = UUID()
            row.tenantID = tenantID
            row.key = d.key
            row.nameEN = d.en
            row.nameZH = d.zh
            row.unit = d.unit
            row.paid = d.paid
            row.needsDocument = d.document
            row.countsHolidays = d.holidays
            row.tracksBalance = d.balance
            row.position = position
            try await row.create(on: db)
        }
    }
}

/// An employee's leave profile: when they started working at all (参加工作时间), which decides
/// their annual leave. Its `version` is bumped by every request of theirs, so that requests of
/// one person take turns on their balance.
final class LeaveProfile: Model, @unchecked Sendable {
    static let schema = "leave_profiles"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "work_start_date") var workStartDate: String?
    @Field(key: "version") var version: Int

    init() {}
}
