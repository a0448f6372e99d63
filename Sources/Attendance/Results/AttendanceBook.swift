import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Everything needed to judge some employees' days over a range of dates, read in a fixed number
/// of queries whatever the number of people: their groups, calendars, rosters, punches and
/// approved time away.
struct AttendanceBook: Sendable {
    struct Person: Sendable {
        var employee: Employee
        var group: AttendanceGroup?
        /// The first day the group judges (`YYYY-MM-DD`): the later of the day they joined it and
        /// their hire date; nil when both are unknown.
        var judgedFrom: String?
        var planner: DayPlanner
        var judge: DayJudge
    }

    var people: [UUID: Person]
    /// Employee → their punches in the range (a day's margin either side), by time: the instant
    /// and whether it was a field check-in, all judging needs.
    var punches: [UUID: [PunchFact]]
    /// Employee → date → approved time away and overtime.
    var absences: [UUID: [String: [AbsenceFact]]]

    /// Loads `employees` for the dates `first` through `last`.
    /// - Parameter absences: the installed source of leave, trips, outings and overtime.
    static func load(_ employees: [Employee], tenantID: UUID, tenantZone: TimeZone, from first: String, through last: String,
                     absences source: (any AttendanceAbsences)?, withPunches: Bool = true, on db: any Database) async throws -> AttendanceBook {
        let groupOf = try await GroupMembership.groups(of: employees, tenantID: tenantID, on: db)
        let groupIDs = Array(Set(groupOf.values.map(\.groupID)))
        let groups = groupIDs.isEmpty ? [] : try await AttendanceGroup.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ groupIDs).all()
        let groupByID = Dictionary(uniqueKeysWithValues: groups.compactMap { g in g.id.map { ($0, g) } })
        let calendarIDs = Array(Set(groups.compactMap(\.calendarID)))
        let days = calendarIDs.isEmpty ? [] : try await HolidayCalendarDay.query(on: db).filter(\.$tenantID == tenantID)
            .filter(\.$calendarID ~~ calendarIDs).all()
        let daysByCalendar = Dictionary(grouping: days, by: \.calendarID)
        let ids = employees.compactMap(\.id)
        // A night shift of the day before the range ends inside it; the margin covers it.
        let from = WorkCalendar.day(first, plus: -1) ?? first
        let through = WorkCalendar.day(last, plus: 1) ?? last
        let rosterRows = ids.isEmpty ? [] : try await RosterEntry.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID ~~ ids)
            .filter(\.$date >= from).filter(\.$date <= through).all()
        let roster = Dictionary(grouping: rosterRows, by: \.employeeID)

        var people: [UUID: Person] = [:]
        var earliest = Date.distantFuture, latest = Date.distantPast
        for employee in employees {
            guard let id = employee.id else { continue }
            let group = groupOf[id].flatMap { groupByID[$0.groupID] }
            let zone = group.flatMap { TimeZone(identifier: $0.timeZone) } ?? tenantZone
            let schedule = group.map { AttendanceSchedule.stored($0.scheduleJSON) } ?? .officeHours
            var calendar = WorkCalendar()
            if let c = group?.calendarID, let rows = daysByCalendar[c] {
                calendar.holidays = Set(rows.filter { $0.kind == HolidayCalendarDay.holiday }.map(\.date))
                calendar.makeUpWorkdays = Set(rows.filter { $0.kind == HolidayCalendarDay.workday }.map(\.date))
            }
            var planner = DayPlanner(schedule: schedule, calendar: calendar, zone: zone)
            if let group {
                planner.windowBefore = group.windowBeforeMinutes
                planner.windowAfter = group.windowAfterMinutes
                planner.roster = Dictionary((roster[id] ?? []).filter { $0.groupID == group.id }.map { ($0.date, $0.shift) }) { a, _ in a }
            }
            let judge = group.map { DayJudge(graceLate: $0.graceLateMinutes, graceEarly: $0.graceEarlyMinutes, absentAfter: $0.absentAfterMinutes) } ?? DayJudge()
            let judgedFrom = [groupOf[id]?.since, employee.hireDate].compactMap { $0 }.max()
            people[id] = Person(employee: employee, group: group, judgedFrom: judgedFrom, planner: planner, judge: judge)
            earliest = min(earliest, planner.plan(from).windowStart)
            latest = max(latest, planner.plan(through).windowEnd)
        }
        var punches: [UUID: [PunchFact]] = [:]
        if withPunches, !ids.isEmpty, earliest < latest, let sql = db as? any SQLDatabase {
            // Three columns, not the model: decoding a month of a thousand people's punches into
            // models took more than half the time of judging them (Benchmarks/attendance-month.sh).
            let rows = try await sql.select().column("employee_id").column("at").column("field").from(Punch.schema)
                .where("tenant_id", .equal, tenantID).where("employee_id", .in, ids)
                .where("at", .greaterThanOrEqual, earliest).where("at", .lessThan, latest).orderBy("at").all()
            for row in rows {
                punches[try row.decode(column: "employee_id", as: UUID.self), default: []]
                    .append(PunchFact(at: try row.decode(column: "at", as: Date.self), field: try row.decode(column: "field", as: Bool.self)))
            }
        }
        let away = try await source?.absences(employeeIDs: ids, tenantID: tenantID, from: first, through: last, on: db) ?? [:]
        return AttendanceBook(people: people, punches: punches, absences: away)
    }

    /// The employee's judged days `first` through `last`.
    func days(of employeeID: UUID, from first: String, through last: String, now: Date) -> [DailyResultDTO] {
        guard let person = people[employeeID] else { return [] }
        let dates = WorkCalendar.days(from: first, through: last)
        let wanted = Set(dates)
        let plans = person.planner.plans(from: WorkCalendar.day(first, plus: -1) ?? first, through: WorkCalendar.day(last, plus: 1) ?? last)
        var byDay: [String: [PunchFact]] = [:]
        for p in punches[employeeID] ?? [] {
            let day = person.planner.workDate(of: p.at, plans: plans)
            if wanted.contains(day) { byDay[day, default: []].append(p) }
        }
        let away = absences[employeeID] ?? [:]
        return dates.map { date in
            var day = person.judge.judge(plans[date] ?? person.planner.plan(date), punches: byDay[date] ?? [], absences: away[date] ?? [], now: now)
            // Someone in no group has no hours to keep, nor has a group before they joined it (or
            // were hired): those days are shown, not judged.
            if person.group == nil || person.judgedFrom.map({ date < $0 }) ?? false {
                day.statuses = ["untracked"]
                (day.lateMinutes, day.earlyMinutes) = (0, 0)
            }
            return day
        }
    }
}

/// Approved time away (leave, trips, outings) and overtime by person and day, from the modules
/// that own them; they install one at boot (``AttendanceModule/absenceSources``).
public protocol AttendanceAbsences: Sendable {
    /// Employee → date (`YYYY-MM-DD`) → facts, for the dates `first` through `last`.
    func absences(employeeIDs: [UUID], tenantID: UUID, from first: String, through last: String, on db: any Database) async throws
        -> [UUID: [String: [AbsenceFact]]]
}
