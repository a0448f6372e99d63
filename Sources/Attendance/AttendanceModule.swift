import Fluent
import Partners
import Platform
import Vapor

/// Attendance (考勤): holiday calendars with make-up workdays, attendance groups (fixed, flexible
/// or shift schedules; geofenced sites; field check-in), punches, daily results on each person's
/// local dates and monthly summaries (`/api/v1/attendance`). Installs ``Platform/WorkingDays``.
/// Public service: ``AttendanceAbsences`` (where Leave and the trip, outing and overtime
/// documents tell attendance about approved time away).
public struct AttendanceModule: AfieldModule {
    public static let id = "attendance"
    /// Customers of field check-ins are checked through ``PartnerDirectory``.
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self]

    public init() {}

    /// Checking in and reading one's own attendance: every employee, for themselves.
    public static let own = Permission("attendance.own")
    /// Reading calendars and groups (their names show on everyone's month).
    public static let configRead = Permission("attendance.config.read")
    public static let calendarManage = Permission("attendance.calendar.manage")
    public static let groupManage = Permission("attendance.group.manage")
    /// Reading other people's punches, days and summaries, within the data scope of ``recordResource``.
    public static let recordRead = Permission("attendance.record.read")
    public static let recordExport = Permission("attendance.record.export")

    /// Data-scope resource of punches and results: owned by the employee and their department.
    public static let recordResource = "attendance.record"
    public static let punchEntity = "attendance.punch"
    public static let groupEntity = "attendance.group"
    public static let calendarEntity = "attendance.calendar"
    public static let correctionEntity = "attendance.correction"
    /// ``Revisions`` key of everything attendance.
    public static let revisionKey = "attendance"

    public var permissions: [Permission] { [Self.configRead, Self.calendarManage, Self.groupManage, Self.recordRead, Self.recordExport] }
    public var personalPermissions: [Permission] { [Self.own] }
    public var scopedResources: [String] { [Self.recordResource] }
    public var migrations: [any AsyncMigration] { [CreateAttendance(), CreateAwayRecords(), CreateCorrections(), AddMemberSince()] }
    public var menu: [MenuItem] {
        [MenuItem(id: "attendance.checkin", path: "/attendance", titleKey: "nav.attendance", permission: Self.own.key),
         MenuItem(id: "attendance.team", path: "/attendance/team", titleKey: "nav.attendance_team", permission: Self.recordRead.key),
         MenuItem(id: "attendance.groups", path: "/attendance/groups", titleKey: "nav.attendance_groups", permission: Self.groupManage.key)]
    }
    public var messages: [String: MessageCatalog.Entry] { AttendanceMessages.all }

    public var feedEntities: [String: [Permission]] {
        [Self.punchEntity: [Self.own, Self.recordRead], Self.correctionEntity: [Self.own, Self.recordRead], Self.groupEntity: [Self.configRead], Self.calendarEntity: [Self.configRead]]
    }

    public var feedFilters: [String: FeedFilter] {
        [Self.punchEntity: { context, ids in
            let rows = try await Punch.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let actor = context.actor
            let scope = actor.holds(Self.recordRead) ? try await context.recordScope(Self.recordResource) : nil
            return Set(rows.filter { p in
                p.employeeID == actor.employeeID || scope?.contains(department: p.departmentID, employee: p.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        }]
    }

    public func routes(_ api: any RoutesBuilder) throws { AttendanceController().register(api) }

    public func boot(_ context: ModuleContext) async throws {
        context.application.workingDays = AttendanceWorkingDays()
        context.application.attendanceAbsences.register(AwayAbsences())
        context.application.domainEvents.subscribe(ApprovalFormApproved.self) { event, _, db in try await AwayRecording.record(event, on: db) }
        context.application.recordKinds.register(PunchRecord.kind)
        context.application.approvalOutcomes.register(CorrectionApproval())
    }
}
