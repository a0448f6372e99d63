import Fluent
import Foundation
import Platform

/// Attendance for a demo company, so that a first start shows check-in working: one group per
/// time zone of the company's sites (the sites' people as members, a 300 m fence around each
/// site that has a position, 09:00–18:00 Monday to Friday, field check-in with a note), and
/// China's holiday calendar from the shipped holiday-cn years, ready to assign.
public enum AttendanceDemo {
    /// - Parameters:
    ///   - chinaYears: holiday-cn year files (``Platform/HolidayCN``); unreadable ones are skipped.
    ///   - now: when the demo is made: its people join their groups on that day.
    ///   - db: the demo's transaction.
    public static func seed(tenantID: UUID, chinaYears: [Data], audit: AuditContext, now: Date = Date(), on db: any Database) async throws {
        let years = chinaYears.compactMap { try? HolidayCN.parse($0) }
        if !years.isEmpty {
            let calendar = HolidayCalendar(tenantID: tenantID, name: "中国法定节假日 China public holidays", restWeekdays: [6, 7])
            try await calendar.create(on: db)
            for day in years.flatMap(\.days) {
                try await HolidayCalendarDay(tenantID: tenantID, calendarID: calendar.id!, date: day.date,
                                             kind: day.isOffDay ? HolidayCalendarDay.holiday : HolidayCalendarDay.workday, name: day.name).create(on: db)
            }
            var changes = AuditChanges()
            changes.created([("name", calendar.name), ("years", years.map { String($0.year) }.joined(separator: ", "))])
            try await AuditLog.append(entity: AttendanceModule.calendarEntity, entityID: calendar.id, action: "create", changes: changes, context: audit, on: db)
        }
        let sites = try await Site.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).sort(\.$name).all()
        let employees = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all()
        for (zone, zoneSites) in Dictionary(grouping: sites, by: \.timeZone).sorted(by: { $0.key < $1.key }) {
            let siteIDs = Set(zoneSites.compactMap(\.id))
            let members = employees.filter { $0.siteID.map(siteIDs.contains) ?? false }
            guard !members.isEmpty else { continue }
            let group = AttendanceGroup()
            group.id = UUID()
            group.tenantID = tenantID
            group.name = zoneSites.count == 1 ? zoneSites[0].name : zoneSites.map(\.name).joined(separator: ", ")
            group.timeZone = zone
            group.scheduleJSON = AttendanceSchedule.officeHours.json
            group.graceLateMinutes = 5
            group.graceEarlyMinutes = 0
            group.absentAfterMinutes = 240
            group.windowBeforeMinutes = 120
            group.windowAfterMinutes = 360
            group.fieldCheckIn = true
            group.fieldNeedsPhoto = false
            group.fieldNeedsCustomer = false
            group.correctionsPerMonth = 3
            group.version = 1
            try await group.create(on: db)
            for site in zoneSites where site.latitude != nil {
                try await AttendanceGroupSite(tenantID: tenantID, groupID: group.id!, siteID: site.id!, radiusMeters: 300).create(on: db)
            }
            for member in members {
                try await AttendanceGroupMember(tenantID: tenantID, groupID: group.id!, employeeID: member.id, departmentID: nil,
                                                 since: CalendarDay.string(for: now, in: TimeZone(identifier: zone) ?? .gmt)).create(on: db)
            }
            var changes = AuditChanges()
            changes.created([("name", group.name), ("time_zone", zone), ("employees", members.count), ("field_check_in", true)])
            try await AuditLog.append(entity: AttendanceModule.groupEntity, entityID: group.id, action: "create", changes: changes, context: audit, on: db)
        }
    }
}
