import AfieldAPI
import Foundation
import Platform
import Vapor

/// `/api/v1/attendance`: holiday calendars, groups and rosters, punches, daily results and
/// monthly summaries. Thin: decode, call the service, encode.
struct AttendanceController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let own = AttendanceModule.own
        routes.on(.GET, "calendars", permission: AttendanceModule.configRead, summary: "Holiday calendars with their dated days", use: calendars)
        routes.on(.POST, "calendars", permission: AttendanceModule.calendarManage, summary: "Add a holiday calendar",
                  body: HolidayCalendarInput.self, status: .created, use: createCalendar)
        routes.on(.GET, "calendars", ":id", permission: AttendanceModule.configRead, summary: "A holiday calendar", use: calendar)
        routes.on(.PATCH, "calendars", ":id", permission: AttendanceModule.calendarManage,
                  summary: "Change a calendar: name, rest weekdays, days to set or remove (send the version read; 409 when stale)",
                  body: HolidayCalendarUpdate.self, use: updateCalendar)
        routes.on(.POST, "calendars", ":id", "import-cn", permission: AttendanceModule.calendarManage,
                  summary: "Import one year of China's holidays and make-up workdays (holiday-cn JSON); that year's days are replaced",
                  body: HolidayCNYearDTO.self, use: importChina)
        routes.on(.GET, "groups", permission: AttendanceModule.configRead, summary: "Attendance groups", use: groups)
        routes.on(.POST, "groups", permission: AttendanceModule.groupManage, summary: "Add an attendance group",
                  body: AttendanceGroupInput.self, status: .created, use: createGroup)
        routes.on(.GET, "groups", ":id", permission: AttendanceModule.configRead, summary: "An attendance group", use: group)
        routes.on(.PATCH, "groups", ":id", permission: AttendanceModule.groupManage,
                  summary: "Change an attendance group (send the version read; 409 when stale); lists sent replace the old ones",
                  body: AttendanceGroupUpdate.self, use: updateGroup)
        routes.on(.PUT, "groups", ":id", "roster", permission: AttendanceModule.groupManage,
                  summary: "Set days of a shift group's roster (a day without a shift rests)", body: RosterInput.self, use: roster)
        routes.on(.POST, "punches", permission: own,
                  summary: "Check in or out now (201); the same minute again answers the first punch (200)", body: PunchInput.self,
                  response: PunchDTO.self, status: .created, use: punch)
        routes.on(.GET, "punches", permission: own, summary: "Punches of an employee (default: the caller) by work date",
                  query: [.uuid("employee"), .date("from"), .date("to")], use: punches)
        routes.on(.POST, "corrections", permission: own,
                  summary: "Ask for a missed punch (补卡) of a past day; approved through the company's flow, within the group's monthly limit",
                  body: CorrectionInput.self, status: .created, use: correct)
        routes.on(.GET, "corrections", permission: own, summary: "Corrections of an employee (default: the caller)", query: [.uuid("employee")],
                  use: corrections)
        routes.on(.GET, "today", permission: own,
                  summary: "The caller's day for the check-in page, with the distance to the nearest office when a position is given",
                  query: [.text("latitude"), .text("longitude")], use: today)
        routes.on(.GET, "results", permission: own, summary: "An employee's month (default: the caller): each day judged, and the figures",
                  query: [.uuid("employee"), "month"], use: month)
        routes.on(.GET, "summary", permission: AttendanceModule.recordRead,
                  summary: "Monthly figures of the employees in a department (and below) the caller may see, then the total",
                  query: [.uuid("department"), "month"], use: summary)
        routes.on(.GET, "summary", "export.csv", permission: AttendanceModule.recordExport,
                  summary: "The monthly figures as CSV (UTF-8 with BOM)", query: [.uuid("department"), "month"], use: summaryCSV)
    }

    @Sendable func calendars(_ req: Request) async throws -> [HolidayCalendarDTO] { try await HolidayCalendarService(context: req.serviceContext).list() }
    @Sendable func calendar(_ req: Request) async throws -> HolidayCalendarDTO {
        try await HolidayCalendarService(context: req.serviceContext).detail(try req.pathID(entity: "attendance_calendar"))
    }
    @Sendable func createCalendar(_ req: Request) async throws -> HolidayCalendarDTO {
        try await HolidayCalendarService(context: req.serviceContext).create(try req.content.decode(HolidayCalendarInput.self))
    }
    @Sendable func updateCalendar(_ req: Request) async throws -> HolidayCalendarDTO {
        let id = try req.pathID(entity: "attendance_calendar")
        return try await HolidayCalendarService(context: req.serviceContext).update(id, try req.content.decode(HolidayCalendarUpdate.self))
    }
    @Sendable func importChina(_ req: Request) async throws -> HolidayCalendarDTO {
        let id = try req.pathID(entity: "attendance_calendar")
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        return try await HolidayCalendarService(context: req.serviceContext).importChina(id, data: body)
    }
    @Sendable func groups(_ req: Request) async throws -> [AttendanceGroupDTO] { try await AttendanceGroupService(context: req.serviceContext).list() }
    @Sendable func group(_ req: Request) async throws -> AttendanceGroupDTO {
        try await AttendanceGroupService(context: req.serviceContext).detail(try req.pathID(entity: "attendance_group"))
    }
    @Sendable func createGroup(_ req: Request) async throws -> AttendanceGroupDTO {
        try await AttendanceGroupService(context: req.serviceContext).create(try req.content.decode(AttendanceGroupInput.self))
    }
    @Sendable func updateGroup(_ req: Request) async throws -> AttendanceGroupDTO {
        let id = try req.pathID(entity: "attendance_group")
        return try await AttendanceGroupService(context: req.serviceContext).update(id, try req.content.decode(AttendanceGroupUpdate.self).fields)
    }
    @Sendable func roster(_ req: Request) async throws -> [RosterEntryDTO] {
        let id = try req.pathID(entity: "attendance_group")
        let service = AttendanceGroupService(context: try req.serviceContext)
        // Another company's group is 404 whatever the body.
        _ = try await service.find(id, on: req.database)
        return try await service.setRoster(id, try req.content.decode(RosterInput.self))
    }
    @Sendable func punch(_ req: Request) async throws -> Response {
        let (punch, created) = try await PunchService(context: req.serviceContext).punch(try req.content.decode(PunchInput.self))
        let response = Response(status: created ? .created : .ok)
        try response.content.encode(punch, using: JSONEncoder.afield)
        return response
    }
    @Sendable func punches(_ req: Request) async throws -> [PunchDTO] {
        let context: ServiceContext = try req.serviceContext
        let today = context.today()
        let from = try req.queryDay("from") ?? String(today.prefix(7)) + "-01"
        return try await AttendanceResults(context: context).punches(employeeID: try req.queryID("employee"), from: from, through: try req.queryDay("to") ?? today)
    }
    @Sendable func correct(_ req: Request) async throws -> CorrectionDTO {
        try await CorrectionService(context: req.serviceContext).request(try req.content.decode(CorrectionInput.self))
    }
    @Sendable func corrections(_ req: Request) async throws -> [CorrectionDTO] {
        try await CorrectionService(context: req.serviceContext).list(employeeID: try req.queryID("employee"))
    }
    @Sendable func today(_ req: Request) async throws -> PunchStatusDTO {
        try await AttendanceResults(context: req.serviceContext).status(latitude: req.queryText("latitude"), longitude: req.queryText("longitude"))
    }
    @Sendable func month(_ req: Request) async throws -> EmployeeMonthDTO {
        let context: ServiceContext = try req.serviceContext
        return try await AttendanceResults(context: context).month(employeeID: try req.queryID("employee"), month: req.queryText("month") ?? String(context.today().prefix(7)))
    }
    @Sendable func summary(_ req: Request) async throws -> [MonthlySummaryDTO] {
        let context: ServiceContext = try req.serviceContext
        return try await AttendanceResults(context: context).departmentMonth(departmentID: try req.queryID("department"),
                                                                             month: req.queryText("month") ?? String(context.today().prefix(7)))
    }
    @Sendable func summaryCSV(_ req: Request) async throws -> Response {
        let context: ServiceContext = try req.serviceContext
        let month = req.queryText("month") ?? String(context.today().prefix(7))
        let text = try await AttendanceResults(context: context).departmentMonthCSV(departmentID: try req.queryID("department"), month: month)
        return CSVText.response(text, filename: "attendance-\(month).csv")
    }
}
