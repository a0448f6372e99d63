import AfieldAPI
import Fluent
import Foundation
import Platform

/// Daily results and monthly summaries (issue 10 point 3). Each person's days are judged on
/// their group's local dates (case L-02); an employee reads their own, a manager or HR the
/// people their data scope on `attendance.record` covers.
struct AttendanceResults: Sendable {
    let context: ServiceContext

    /// One employee's month: each day judged, and the month's figures.
    /// - Parameters:
    ///   - employeeID: nil for the actor's own month.
    ///   - month: `YYYY-MM`.
    /// - Throws: 422 `attendance.bad_month`; 404 `not_found` (`employee`) for someone the actor
    ///   may not see; 422 `attendance.no_employee` when the actor has no employee record.
    func month(employeeID: UUID?, month: String) async throws -> EmployeeMonthDTO {
        let (first, last) = try Self.range(month)
        let employee = try await visibleEmployee(employeeID)
        let book = try await AttendanceBook.load([employee], tenantID: context.tenantID, tenantZone: context.actor.tenant.timeZone, from: first,
                                                 through: last, absences: context.application.attendanceAbsences, on: context.database)
        let days = book.days(of: employee.id!, from: first, through: last, now: context.now())
        let person = book.people[employee.id!]
        return EmployeeMonthDTO(employeeID: employee.id!, employeeName: employee.name, month: month, groupName: person?.group?.name,
                                timeZone: person?.planner.zone.identifier ?? context.actor.tenant.timeZone.identifier,
                                days: days, summary: Self.summary(days, employee: employee, department: nil))
    }

    /// The month's figures of every employee the actor may see in `departmentID` (and the
    /// departments below it; all departments when nil), by name, then a total row
    /// (`employeeID` nil).
    func departmentMonth(departmentID: UUID?, month: String) async throws -> [MonthlySummaryDTO] {
        try context.require(AttendanceModule.recordRead)
        let (first, last) = try Self.range(month)
        let scope = try await context.recordScope(AttendanceModule.recordResource)
        var people = try await EmployeeDirectory(db: context.database).all(tenantID: context.tenantID)
            .filter { scope.contains(department: $0.departmentID, employee: $0.id, createdBy: nil) }
        let departments = try await Department.query(on: context.database).filter(\.$tenantID == context.tenantID).all()
        let names = Dictionary(uniqueKeysWithValues: departments.compactMap { d in d.id.map { ($0, d.name) } })
        if let departmentID {
            guard names[departmentID] != nil else { throw DomainError.notFound("department") }
            let tree = try await DepartmentTree.load(tenantID: context.tenantID, on: context.database).subtree(departmentID)
            people = people.filter { $0.departmentID.map(tree.contains) ?? false }
        }
        let book = try await AttendanceBook.load(people, tenantID: context.tenantID, tenantZone: context.actor.tenant.timeZone, from: first,
                                                 through: last, absences: context.application.attendanceAbsences, on: context.database)
        let now = context.now()
        let rows = people.map { e in
            Self.summary(book.days(of: e.id!, from: first, through: last, now: now), employee: e, department: e.departmentID.flatMap { names[$0] })
        }
        return rows + [Self.total(rows, department: departmentID.flatMap { names[$0] })]
    }

    /// The department month as CSV (UTF-8 with BOM, zh-CN or en headers by the actor's language).
    func departmentMonthCSV(departmentID: UUID?, month: String) async throws -> String {
        let rows = try await departmentMonth(departmentID: departmentID, month: month)
        let zh = context.language == AppLanguage.zhCN
        let header = zh ? ["员工", "部门", "应出勤天数", "出勤天数", "迟到次数", "迟到分钟", "早退次数", "早退分钟", "旷工天数", "缺卡次数", "外勤天数", "工作时长(分钟)", "加班时长(小时)", "请假(天)"]
            : ["Employee", "Department", "Working days", "Days worked", "Late (times)", "Late (minutes)", "Left early (times)", "Left early (minutes)",
               "Absent days", "Missing punches", "Field days", "Worked minutes", "Overtime hours", "Leave (days)"]
        let total = zh ? "合计" : "Total"
        return CSVText.document(header: header, rows: rows.map { r in
            [r.employeeName ?? total, r.departmentName, "\(r.workdays)", "\(r.daysWorked)", "\(r.lateCount)", "\(r.lateMinutes)", "\(r.earlyCount)",
             "\(r.earlyMinutes)", "\(r.absentDays)", "\(r.missingPunches)", "\(r.fieldDays)", "\(r.workedMinutes)", r.overtimeHours,
             r.leave.keys.sorted().map { "\($0) \(r.leave[$0]!)" }.joined(separator: "; ")]
        })
    }

    /// The punches of an employee (nil: the actor) from `first` through `last` (work dates).
    func punches(employeeID: UUID?, from first: String, through last: String) async throws -> [PunchDTO] {
        guard CalendarDay.isValid(first) else { throw DomainError.invalid([.init("from", "attendance.bad_date")]) }
        guard CalendarDay.isValid(last) else { throw DomainError.invalid([.init("to", "attendance.bad_date")]) }
        guard !WorkCalendar.limited(first, last, { [first] }).isEmpty else { throw DomainError.invalid([.init("to", "attendance.bad_range")]) }
        let employee = try await visibleEmployee(employeeID)
        let rows = try await Punch.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$employeeID == employee.id!)
            .filter(\.$workDate >= first).filter(\.$workDate <= last).sort(\.$at).all()
        return try await PunchViews.dtos(rows, tenantID: context.tenantID, on: context.database)
    }

    /// The actor's day for the check-in page, with the distance to the nearest fenced site when
    /// a position is given.
    func status(latitude: String?, longitude: String?) async throws -> PunchStatusDTO {
        let actor = context.actor
        guard let employeeID = actor.employeeID,
              let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: actor.tenantID) else {
            throw DomainError(status: 422, code: "attendance.no_employee")
        }
        let now = context.now()
        let probe = try await AttendanceBook.load([employee], tenantID: actor.tenantID, tenantZone: actor.tenant.timeZone, from: actor.today(now: now),
                                                  through: actor.today(now: now), absences: nil, withPunches: false, on: context.database)
        guard let person = probe.people[employeeID], let group = person.group, let groupID = group.id else {
            return PunchStatusDTO(groupID: nil, groupName: nil, timeZone: actor.timeZone.identifier, today: actor.today(now: now), result: nil, punches: [],
                                  nearestSiteName: nil, distanceMeters: nil, inside: nil, fieldCheckIn: false, fieldNeedsPhoto: false, fieldNeedsCustomer: false)
        }
        let today = person.planner.workDate(of: now)
        let book = try await AttendanceBook.load([employee], tenantID: actor.tenantID, tenantZone: actor.tenant.timeZone, from: today, through: today,
                                                 absences: context.application.attendanceAbsences, on: context.database)
        let result = book.days(of: employeeID, from: today, through: today, now: now).first
        let near = try await Punch.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == employeeID)
            .filter(\.$workDate >= (WorkCalendar.day(today, plus: -1) ?? today)).filter(\.$workDate <= (WorkCalendar.day(today, plus: 1) ?? today))
            .sort(\.$at).all()
        let rows = near.filter { person.planner.workDate(of: $0.at) == today }
        var position: Geofence.Position?
        if let latitude, let longitude {
            var problems: [DomainError.Field] = []
            let lat = GeoCoordinate.parse(latitude, axis: .latitude, path: "latitude", problems: &problems)
            let lon = GeoCoordinate.parse(longitude, axis: .longitude, path: "longitude", problems: &problems)
            guard problems.isEmpty, let lat, let lon else { throw DomainError.invalid(problems) }
            position = try await PunchService.geofence(groupID: groupID, tenantID: actor.tenantID, on: context.database).locate(latitude: lat, longitude: lon)
        }
        return PunchStatusDTO(groupID: groupID, groupName: group.name, timeZone: group.timeZone, today: today, result: result,
                              punches: try await PunchViews.dtos(rows, tenantID: actor.tenantID, on: context.database),
                              nearestSiteName: position?.siteName, distanceMeters: position?.distanceMeters, inside: position?.inside,
                              fieldCheckIn: group.fieldCheckIn, fieldNeedsPhoto: group.fieldNeedsPhoto, fieldNeedsCustomer: group.fieldNeedsCustomer)
    }

    /// The employee `id` (the actor's own when nil) if the actor may see their attendance.
    func visibleEmployee(_ id: UUID?) async throws -> Employee {
        let actor = context.actor
        guard let wanted = id ?? actor.employeeID else { throw DomainError(status: 422, code: "attendance.no_employee") }
        guard let employee = try await EmployeeDirectory(db: context.database).find(wanted, tenantID: actor.tenantID) else {
            throw DomainError.notFound("employee")
        }
        if wanted == actor.employeeID { return employee }
        guard actor.holds(AttendanceModule.recordRead),
              try await context.recordScope(AttendanceModule.recordResource).contains(department: employee.departmentID, employee: wanted, createdBy: nil)
        else { throw DomainError.notFound("employee") }
        return employee
    }

    /// First and last day of `YYYY-MM`.
    static func range(_ month: String) throws -> (String, String) {
        let first = month + "-01"
        guard month.count == 7, CalendarDay.isPlausibleBusinessDay(first), let next = WorkCalendar.day(first, plus: 31) else {
            throw DomainError.invalid([.init("month", "attendance.bad_month")])
        }
        let last = WorkCalendar.day(String(next.prefix(7)) + "-01", plus: -1) ?? first
        return (first, last)
    }

    /// A month's figures from its judged days (`upcoming` days count only as planned workdays).
    static func summary(_ days: [DailyResultDTO], employee: Employee?, department: String?) -> MonthlySummaryDTO {
        func has(_ d: DailyResultDTO, _ s: String) -> Bool { d.statuses.contains(s) }
        let work = days.filter { $0.kind == "workday" && !$0.statuses.contains("untracked") }
        var leave: [String: Decimal] = [:]
        for d in days { for (type, text) in d.leave { leave[type, default: 0] += Decimal(string: text) ?? 0 } }
        let overtime = days.map(\.overtimeMinutes).reduce(0, +)
        return MonthlySummaryDTO(
            employeeID: employee?.id, employeeName: employee?.name, departmentName: department, workdays: work.count,
            daysWorked: work.filter { $0.punchCount > 0 || has($0, "field") }.count,
            lateCount: days.filter { has($0, "late") }.count, lateMinutes: days.filter { has($0, "late") }.map(\.lateMinutes).reduce(0, +),
            earlyCount: days.filter { has($0, "leftEarly") }.count, earlyMinutes: days.filter { has($0, "leftEarly") }.map(\.earlyMinutes).reduce(0, +),
            absentDays: days.filter { has($0, "absent") }.count, missingPunches: days.filter { has($0, "missingPunch") }.count,
            fieldDays: days.filter { has($0, "field") }.count, workedMinutes: days.map(\.workedMinutes).reduce(0, +),
            overtimeHours: hours(overtime),
            overtimeByKind: Dictionary(grouping: days.filter { $0.overtimeMinutes > 0 }, by: \.kind).mapValues { hours($0.map(\.overtimeMinutes).reduce(0, +)) },
            leave: leave.mapValues(DayJudge.text))
    }

    static func total(_ rows: [MonthlySummaryDTO], department: String?) -> MonthlySummaryDTO {
        var leave: [String: Decimal] = [:]
        for r in rows { for (type, text) in r.leave { leave[type, default: 0] += Decimal(string: text) ?? 0 } }
        let overtimeTenths = rows.map { (try? FixedDecimal.parse($0.overtimeHours, scale: 1)) ?? 0 }.reduce(0, +)
        return MonthlySummaryDTO(employeeID: nil, employeeName: nil, departmentName: department, workdays: rows.map(\.workdays).reduce(0, +),
                                 daysWorked: rows.map(\.daysWorked).reduce(0, +), lateCount: rows.map(\.lateCount).reduce(0, +),
                                 lateMinutes: rows.map(\.lateMinutes).reduce(0, +), earlyCount: rows.map(\.earlyCount).reduce(0, +),
                                 earlyMinutes: rows.map(\.earlyMinutes).reduce(0, +), absentDays: rows.map(\.absentDays).reduce(0, +),
                                 missingPunches: rows.map(\.missingPunches).reduce(0, +), fieldDays: rows.map(\.fieldDays).reduce(0, +),
                                 workedMinutes: rows.map(\.workedMinutes).reduce(0, +),
                                 overtimeHours: FixedDecimal.format(overtimeTenths, scale: 1),
                                 overtimeByKind: Dictionary(grouping: rows.flatMap(\.overtimeByKind), by: \.key).mapValues { parts in
                                     FixedDecimal.format(parts.map { (try? FixedDecimal.parse($0.value, scale: 1)) ?? 0 }.reduce(0, +), scale: 1)
                                 },
                                 leave: leave.mapValues(DayJudge.text))
    }

    /// Minutes as hours with one decimal, half-up (90 → `1.5`).
    static func hours(_ minutes: Int) -> String { FixedDecimal.format(Int64((minutes * 10 + 30) / 60), scale: 1) }
}
