import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Holiday calendars: create, change (rest weekdays, dated holidays and make-up workdays), and
/// import a year of China's calendar in the holiday-cn JSON form (issue 10 point 4).
struct HolidayCalendarService: Sendable {
    let context: ServiceContext

    func list() async throws -> [HolidayCalendarDTO] {
        let rows = try await HolidayCalendar.query(on: context.database).filter(\.$tenantID == context.tenantID).sort(\.$name).sort(\.$id).all()
        return try await dtos(rows, on: context.database)
    }

    func detail(_ id: UUID) async throws -> HolidayCalendarDTO {
        try await dtos([try await find(id, on: context.database)], on: context.database)[0]
    }

    /// - Throws: 422 with field problems; `attendance.calendar.name_taken`.
    func create(_ input: HolidayCalendarInput) async throws -> HolidayCalendarDTO {
        try context.require(AttendanceModule.calendarManage)
        var problems: [DomainError.Field] = []
        let name = AttendanceInput.name(input.name, max: 60, path: "name", problems: &problems)
        let rest = Self.weekdays(input.restWeekdays ?? [6, 7], problems: &problems)
        let days = Self.days(input.days ?? [], problems: &problems)
        guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
        let tenantID = context.tenantID
        let audit = context.audit
        let now = context.now()
        let id = try await context.write { db in
            try await Self.uniqueName(name, excluding: nil, tenantID: tenantID, on: db)
            let calendar = HolidayCalendar(tenantID: tenantID, name: name, restWeekdays: rest)
            try await calendar.create(on: db)
            for day in days { try await HolidayCalendarDay(tenantID: tenantID, calendarID: calendar.id!, date: day.date, kind: day.kind, name: day.name).create(on: db) }
            var changes = AuditChanges()
            changes.created([("name", name), ("rest_weekdays", calendar.restWeekdaysText), ("days", days.count)])
            try await AuditLog.append(entity: AttendanceModule.calendarEntity, entityID: calendar.id, action: "create", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(AttendanceModule.revisionKey, tenantID: tenantID, on: db)
            return calendar.id!
        }
        return try await detail(id)
    }

    /// Changes name, rest weekdays, adds or replaces `days`, drops `removeDays`.
    /// - Throws: 409 `conflict.stale_version`; 422 field problems.
    func update(_ id: UUID, _ input: HolidayCalendarUpdate) async throws -> HolidayCalendarDTO {
        try context.require(AttendanceModule.calendarManage)
        var problems: [DomainError.Field] = []
        guard let version = input.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let name = input.name == nil ? nil : AttendanceInput.name(input.name, max: 60, path: "name", problems: &problems)
        let rest = input.restWeekdays.map { Self.weekdays($0, problems: &problems) }
        let days = Self.days(input.days ?? [], problems: &problems)
        for (i, day) in (input.removeDays ?? []).enumerated() where !CalendarDay.isValid(day) { problems.append(.init("removeDays[\(i)]", "attendance.bad_date")) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        try await replaceDays(id, version: version, name: name, rest: rest, days: days, remove: input.removeDays ?? [], action: "update")
        return try await detail(id)
    }

    /// Imports one year file of holiday-cn: that year's dated days are replaced by the file's.
    /// - Throws: 422 `attendance.calendar.unreadable_year`, `attendance.calendar.bad_year_date` (`date`).
    func importChina(_ id: UUID, data: Data) async throws -> HolidayCalendarDTO {
        try context.require(AttendanceModule.calendarManage)
        // Another company's calendar is 404 whatever the body.
        let calendar = try await find(id, on: context.database)
        let year: HolidayCN
        do { year = try HolidayCN.parse(data) } catch HolidayCN.Problem.badDate(let date) {
            throw DomainError(status: 422, code: "attendance.calendar.bad_year_date", params: ["date": String(date.prefix(20))])
        } catch { throw DomainError(status: 422, code: "attendance.calendar.unreadable_year") }
        let prefix = String(format: "%04d-", year.year)
        let existing = try await HolidayCalendarDay.query(on: context.database).filter(\.$calendarID == id).all().map(\.date).filter { $0.hasPrefix(prefix) }
        let days = year.days.map { HolidayCalendarDayDTO(date: $0.date, kind: $0.isOffDay ? HolidayCalendarDay.holiday : HolidayCalendarDay.workday, name: $0.name) }
        try await replaceDays(id, version: calendar.version, name: nil, rest: nil, days: days, remove: existing, action: "import", year: year.year)
        return try await detail(id)
    }

    private func replaceDays(_ id: UUID, version: Int, name: String?, rest: [Int]?, days: [HolidayCalendarDayDTO], remove: [String], action: String,
                             year: Int? = nil) async throws {
        let tenantID = context.tenantID
        let audit = context.audit
        let now = context.now()
        // Stale is told with the current calendar, read before the write (inside it SQLite's one
        // writing connection is taken; a read through the pool would wait for it).
        let before = try await find(id, on: context.database)
        guard before.version == version else { throw DomainError.staleVersion("attendance_calendar", current: try await dtos([before], on: context.database)[0]) }
        try await context.write { db in
            let calendar = try await find(id, on: db)
            guard calendar.version == version else { throw DomainError.staleVersion("attendance_calendar") }
            var changes = AuditChanges()
            if let name, name != calendar.name {
                try await Self.uniqueName(name, excluding: id, tenantID: tenantID, on: db)
                changes.set("name", calendar.name, name)
                calendar.name = name
            }
            if let rest, HolidayCalendar.text(rest) != calendar.restWeekdaysText {
                changes.set("rest_weekdays", calendar.restWeekdaysText, HolidayCalendar.text(rest))
                calendar.restWeekdaysText = HolidayCalendar.text(rest)
            }
            let dropped = Set(remove).union(days.map(\.date))
            if !dropped.isEmpty {
                try await HolidayCalendarDay.query(on: db).filter(\.$calendarID == id).filter(\.$date ~~ Array(dropped)).delete()
            }
            for day in days { try await HolidayCalendarDay(tenantID: tenantID, calendarID: id, date: day.date, kind: day.kind, name: day.name).create(on: db) }
            if !days.isEmpty { changes.set("days_set", nil, days.map { "\($0.date) \($0.kind)" }.joined(separator: ", ").prefix(2000).description) }
            let removedOnly = Set(remove).subtracting(days.map(\.date))
            if !removedOnly.isEmpty { changes.set("days_removed", nil, removedOnly.sorted().joined(separator: ", ").prefix(2000).description) }
            if let year { changes.set("year", nil, year) }
            // The version guards two administrators saving at once: the second gets 409.
            let updated = try await (db as! any SQLDatabase).update(HolidayCalendar.schema)
                .set("name", to: calendar.name).set("rest_weekdays", to: calendar.restWeekdaysText).set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("attendance_calendar") }
            try await AuditLog.append(entity: AttendanceModule.calendarEntity, entityID: id, action: action, changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(AttendanceModule.revisionKey, tenantID: tenantID, on: db)
        }
    }

    func find(_ id: UUID, on db: any Database) async throws -> HolidayCalendar {
        guard let row = try await HolidayCalendar.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("attendance_calendar")
        }
        return row
    }

    func dtos(_ rows: [HolidayCalendar], on db: any Database) async throws -> [HolidayCalendarDTO] {
        let ids = rows.compactMap(\.id)
        let days = ids.isEmpty ? [] : try await HolidayCalendarDay.query(on: db).filter(\.$calendarID ~~ ids).sort(\.$date).all()
        let byCalendar = Dictionary(grouping: days, by: \.calendarID)
        return rows.map { c in
            HolidayCalendarDTO(id: c.id!, name: c.name, restWeekdays: c.restWeekdays,
                               days: (byCalendar[c.id!] ?? []).map { HolidayCalendarDayDTO(date: $0.date, kind: $0.kind, name: $0.name) }, version: c.version)
        }
    }

    static func uniqueName(_ name: String, excluding id: UUID?, tenantID: UUID, on db: any Database) async throws {
        let others = try await HolidayCalendar.query(on: db).filter(\.$tenantID == tenantID).all().filter { $0.id != id }
        if others.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw DomainError.invalid([.init("name", "attendance.calendar.name_taken")])
        }
    }

    static func weekdays(_ values: [Int], problems: inout [DomainError.Field]) -> [Int] {
        for (i, d) in values.enumerated() where !(1...7).contains(d) { problems.append(.init("restWeekdays[\(i)]", "attendance.bad_weekday")) }
        return Array(Set(values.filter { (1...7).contains($0) })).sorted()
    }

    static func days(_ values: [HolidayCalendarDayDTO], problems: inout [DomainError.Field]) -> [HolidayCalendarDayDTO] {
        var seen: Set<String> = []
        var answer: [HolidayCalendarDayDTO] = []
        for (i, day) in values.enumerated() {
            guard CalendarDay.isPlausibleBusinessDay(day.date) else { problems.append(.init("days[\(i)].date", "attendance.bad_date")); continue }
            guard [HolidayCalendarDay.holiday, HolidayCalendarDay.workday].contains(day.kind) else {
                problems.append(.init("days[\(i)].kind", "attendance.calendar.bad_kind")); continue
            }
            guard seen.insert(day.date).inserted else { problems.append(.init("days[\(i)].date", "attendance.calendar.day_twice")); continue }
            let name = AttendanceInput.name(day.name, max: 60, path: "days[\(i)].name", required: false, problems: &problems)
            answer.append(HolidayCalendarDayDTO(date: day.date, kind: day.kind, name: name))
        }
        return answer
    }
}
