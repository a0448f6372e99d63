import Attendance
import Fluent
import Platform
import Vapor

/// Leave (请假): leave types, balances kept as a ledger with China's annual leave accrual and
/// carry-over, requests counted on the person's working days and approved through the
/// approval engine, and the team calendar (`/api/v1/leave`). Tells attendance about approved
/// leave (``Attendance/AttendanceAbsences``).
public struct LeaveModule: AfieldModule {
    public static let id = "leave"
    /// Working days come from attendance groups; approved leave shows in attendance.
    public static let dependsOn: [any AfieldModule.Type] = [AttendanceModule.self]

    public init() {}

    /// Asking for leave and reading one's own: every employee, for themselves.
    public static let own = Permission("leave.own")
    /// Reading other people's leave and the team calendar, within the data scope of ``requestResource``.
    public static let requestRead = Permission("leave.request.read")
    /// Accruals, work start dates, cancelling others' requests (HR).
    public static let manage = Permission("leave.balance.manage")

    public static let requestResource = "leave.request"
    public static let requestEntity = "leave.request"
    public static let accrualEntity = "leave.accrual"
    public static let profileEntity = "leave.profile"
    public static let revisionKey = "leave"

    public var permissions: [Permission] { [Self.requestRead, Self.manage] }
    public var personalPermissions: [Permission] { [Self.own] }
    public var scopedResources: [String] { [Self.requestResource] }
    public var migrations: [any AsyncMigration] { [CreateLeave()] }
    public var menu: [MenuItem] {
        [MenuItem(id: "leave.mine", path: "/leave", titleKey: "nav.leave", permission: Self.own.key),
         MenuItem(id: "leave.team", path: "/leave/team", titleKey: "nav.leave_team", permission: Self.requestRead.key)]
    }
    public var messages: [String: MessageCatalog.Entry] { LeaveMessages.all }

    public var feedEntities: [String: [Permission]] { [Self.requestEntity: [Self.own, Self.requestRead]] }
    public var feedFilters: [String: FeedFilter] {
        [Self.requestEntity: { context, ids in
            let rows = try await LeaveRequest.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let actor = context.actor
            let scope = actor.holds(Self.requestRead) ? try await context.recordScope(Self.requestResource) : nil
            return Set(rows.filter { r in
                r.employeeID == actor.employeeID || scope?.contains(department: r.departmentID, employee: r.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        }]
    }

    public func routes(_ api: any RoutesBuilder) throws { LeaveController().register(api) }

    public func boot(_ context: ModuleContext) async throws {
        context.application.approvalOutcomes.register(LeaveApproval())
        context.application.attendanceAbsences.register(LeaveAbsences())
        context.application.recordKinds.register(LeaveRequestRecord.kind)
        context.application.domainEvents.subscribe(ApprovalFormApproved.self) { event, _, db in try await CompensatoryLeave.earn(event, on: db) }
    }

    public func seedCompany(_ tenant: Tenant, on db: any Database) async throws {
        try await LeaveType.seed(tenantID: try tenant.requireID(), on: db)
    }
}

/// Leave requests as records whose files (certificates) the platform guards: readable by whoever
/// may read the request.
enum LeaveRequestRecord {
    static let kind = RecordKind(
        key: LeaveModule.requestEntity, chatter: false,
        link: { id, _ in "/leave/\(id.uuidString)" },
        readable: { reader, ids, db in
            guard !ids.isEmpty else { return [] }
            let rows = try await LeaveRequest.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
            let scope = reader.holds(LeaveModule.requestRead) ? try await reader.scope(LeaveModule.requestResource, on: db) : nil
            return Set(rows.filter { r in
                r.employeeID == reader.employeeID || scope?.contains(department: r.departmentID, employee: r.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        })
}
