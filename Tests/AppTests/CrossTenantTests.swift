import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Case A-40 (../shared/cases/access.md): every route that takes an id, called by another
/// company's administrator with an id of the demo company, answers 404 and reads or changes
/// nothing.
@Suite("Cross-tenant isolation")
struct CrossTenantTests {
    @Test("A-40 every {id} route answers 404 to another tenant and changes nothing")
    func everyIDRoute() async throws {
        try await withAfield { app, client in
            let demo = try await client.signedIn()
            let draft: OrderDetail = try await demo.post("/api/v1/sales/orders", json: try await OrderFixtures.load(demo).input()).decode()
            let customer = try await demo.get("/api/v1/partners/customers?limit=1").decode(Page<PartnerSummary>.self).items[0]
            let supplier = try await demo.get("/api/v1/partners/suppliers?limit=1").decode(Page<PartnerSummary>.self).items[0]
            let carrier = try await demo.get("/api/v1/partners/carriers?limit=1").decode(Page<PartnerSummary>.self).items[0]
            let product = try await demo.get("/api/v1/products/products?limit=1").decode(Page<ProductDTO>.self).items[0]
            let session = try await demo.get("/api/v1/auth/sessions").decode([SessionInfo].self)[0]
            let user = try await demo.get("/api/v1/auth/me").decode(Me.self)
            let department = try await demo.get("/api/v1/org/departments").decode([DepartmentDTO].self)[0]
            let role = try await demo.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.key == "sales" }!
            let invitation = try await demo.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "walk@northwind.example", roles: ["sales"]))
                .decode(NewInvitationResponse.self).invitation
            let position = try await demo.get("/api/v1/org/positions").decode([PositionDTO].self)[0]
            let site = try await demo.get("/api/v1/org/sites").decode([SiteDTO].self)[0]
            let employee = try await demo.get("/api/v1/org/employees?limit=1").decode(Page<EmployeeDTO>.self).items[0]
            let nancy = try await demo.get("/api/v1/auth/users?q=nancy.davolio@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
            let flow: ApprovalFlowDTO = try await demo.post("/api/v1/approvals/flows", json: FlowSaveRequest(
                subject: "sales.order", name: "Walk", definition: FlowDefinition(nodes: [
                    FlowNode(id: "n", type: .approver, approvers: [ApproverRule(kind: .users, userIds: [nancy])])]))).decode()
            let gated: OrderDetail = try await demo.post("/api/v1/sales/orders", json: try await OrderFixtures.load(demo).input()).decode()
            _ = try await demo.send(.POST, "/api/v1/sales/orders/\(gated.order.id)/confirm")
            let instance = try await demo.get("/api/v1/approvals/instances?box=mine").decode(AfieldAPI.Page<ApprovalSummaryDTO>.self).items[0]
            let task = try await demo.get("/api/v1/approvals/instances/\(instance.id)").decode(ApprovalInstanceDTO.self).steps[0].tasks[0]
            let delegation: ApprovalDelegationDTO = try await demo.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                userId: user.id, delegateId: nancy, startsOn: "2026-12-01", endsOn: "2026-12-02")).decode()
            try await MutationAuditTests.notify(app, title: "Private")
            let notification = try await demo.get("/api/v1/notifications").decode(Page<NotificationDTO>.self).items[0]
            let file = try await demo.send(.POST, "/api/v1/files", bytes: Data("%PDF-1.7\n".utf8), contentType: "application/pdf").decode(FileRef.self)
            let form = try await demo.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self)[0]
            let export: ListExportJobDTO = try await demo.post("/api/v1/sales/orders/exports", json: ListExportRequest(format: "csv", query: "")).decode()
            let calendar: HolidayCalendarDTO = try await demo.post("/api/v1/attendance/calendars", json: HolidayCalendarInput(name: "Walk")).decode()
            let group: AttendanceGroupDTO = try await demo.post("/api/v1/attendance/groups", json: AttendanceGroupInput(
                name: "Walk", schedule: AttendanceScheduleDTO(kind: "shifts", shifts: [ShiftDTO(key: "D", name: "Day", start: "09:00", end: "18:00")]))).decode()
            let leave: LeaveRequestDTO = try await demo.post("/api/v1/leave/requests", json: LeaveRequestInput(
                type: "personal", startDate: "2026-12-07", endDate: "2026-12-07")).decode()
            let category = try await demo.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self)[0]
            let budget: ExpenseBudgetDTO = try await demo.post("/api/v1/expenses/budgets", json: ExpenseBudgetInput(
                departmentID: department.id, categoryID: category.id, month: "2026-03", amount: "100.00", action: "warn")).decode()
            let claim: ExpenseClaimDTO = try await demo.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Walk", lines: [
                ExpenseLineInput(date: "2026-03-01", categoryID: category.id, amount: "1.00")])).decode()
            let advance: ExpenseAdvanceDTO = try await demo.post("/api/v1/expenses/advances", json: ExpenseAdvanceInput(amount: "1.00", purpose: "Walk")).decode()
            // A device of the demo company that has sent one numbered command.
            let device = UUID()
            _ = try await demo.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: "Device Customer"),
                                    headers: [("Afield-Client-Id", device.uuidString), ("Afield-Client-Seq", "1"), ("Idempotency-Key", "device-1")])
            let project: ProjectDTO = try await demo.post("/api/v1/projects/projects", json: ProjectInput(name: "Walk", startsOn: "2026-01-01", endsOn: "2026-12-31")).decode()
            let projectTask: TaskDTO = try await demo.post("/api/v1/projects/tasks", json: TaskInput(title: "Walk", projectId: project.id)).decode()
            let sheet: TimesheetDTO = try await demo.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(day: "2026-01-05", hours: "1", taskId: projectTask.id)).decode()
            let unreadBefore = try await demo.get("/api/v1/notifications/unread-count").decode(UnreadCount.self).unread
            // A demo-company id for each kind of {id} a path can hold, by its first path segment after /api/v1.
            let ids: [String: UUID] = [
                "orders": draft.order.id, "customers": customer.id, "suppliers": supplier.id, "carriers": carrier.id,
                "products": product.id, "sessions": session.id, "users": user.id, "departments": department.id,
                "roles": role.id, "invitations": invitation.id,
                "positions": position.id, "sites": site.id, "employees": employee.id, "notifications": notification.id, "files": file.id,
                "flows": flow.id, "instances": instance.id, "tasks": task.id, "delegations": delegation.id!, "forms": form.id,
                // The chatter of a record: /records/{entity}/{id}/…, on the demo company's order.
                "records": draft.order.id,
                // A list's key in the path: an id names no list.
                "lists": UUID(), "exports": export.id,
                "calendars": calendar.id, "groups": group.id, "requests": leave.id, "profiles": employee.id,
                "categories": category.id, "budgets": budget.id, "claims": claim.id, "advances": advance.id, "clients": device,
                "pool": customer.id, "visits": customer.id, "follow-ups": customer.id, "leads": customer.id, "opportunities": customer.id,
                "stages": customer.id, "contracts": customer.id,
                "projects": project.id, "task-statuses": UUID(), "timesheets": sheet.id!, "timesheet-entries": sheet.entries[0].id,
            ]
            let registered = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "Other Co", name: "Mallory", email: "mallory@other.example", mobile: "+86 138 0013 8000", password: "other company pw"))
            var other = client
            other.token = try registered.decode(SessionResponse.self).token
            let tenantID = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
            let auditBefore = try await AuditEntry.query(on: app.db).filter(\.$tenantID == tenantID).count()

            for route in app.routes.all where route.path.contains(where: { if case .parameter = $0 { true } else { false } }) {
                let segments = route.path.map(\.description)
                guard let kind = segments.last(where: { ids[$0] != nil }), let id = ids[kind] else {
                    Issue.record("no demo id for \(route.method) \(segments.joined(separator: "/"))")
                    continue
                }
                let path = "/" + route.path.map { component in
                    guard case .parameter(let name) = component else { return component.description }
                    return name == "entity" ? "sales.order" : id.uuidString
                }.joined(separator: "/")
                let body: String? = route.method == .GET || route.method == .DELETE ? nil : #"{"version":1,"name":"Hijacked","phone":"0"}"#
                let answer = try await other.send(route.method, path, raw: body)
                #expect(answer.status == .notFound, "\(route.method) \(path) → \(answer.status)")
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$tenantID == tenantID).count() == auditBefore, "nothing changed in the demo company")
            let after: OrderDetail = try await demo.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(after.order.state == "draft")
            #expect(try await demo.get("/api/v1/notifications/unread-count").decode(UnreadCount.self).unread == unreadBefore, "still unread")
            #expect(try await demo.get("/api/v1/partners/customers/\(customer.id)").decode(PartnerDetail.self).name == customer.name)
        }
    }
}
