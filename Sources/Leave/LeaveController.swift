import AfieldAPI
import Foundation
import Platform
import Vapor

/// `/api/v1/leave`: types, balances, requests (preview, submit, cancel), the team calendar,
/// annual accruals and work start dates. Thin: decode, call the service, encode.
struct LeaveController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "types", permission: LeaveModule.own, summary: "The company's leave types", use: types)
        routes.on(.GET, "balances", permission: LeaveModule.own, summary: "Balances of an employee (default: the caller) on a day (default: today)",
                  query: [.uuid("employee"), .date("asOf")], use: balances)
        routes.on(.POST, "requests", "preview", permission: LeaveModule.own,
                  summary: "The working days a request would take and the balance left, without saving it", body: LeaveRequestInput.self, mutates: false,
                  use: preview)
        routes.on(.POST, "requests", permission: LeaveModule.own, summary: "Ask for leave: checked against the balance, then submitted for approval",
                  body: LeaveRequestInput.self, status: .created, use: submit)
        routes.on(.GET, "requests", permission: LeaveModule.own, summary: "Leave requests of an employee (default: the caller), latest first",
                  query: [.uuid("employee")], use: list)
        routes.on(.GET, "requests", ":id", permission: LeaveModule.own, summary: "A leave request", use: detail)
        routes.on(.POST, "requests", ":id", "cancel", permission: LeaveModule.own,
                  summary: "Cancel a pending or approved request (send the version read); approved days return to the balance",
                  body: LeaveCancelRequest.self, use: cancel)
        routes.on(.GET, "team", permission: LeaveModule.requestRead, summary: "Who is away between two days (pending and approved leave) among the people the caller may see",
                  query: [.date("from"), .date("to"), .uuid("department")], use: team)
        routes.on(.POST, "accruals", permission: LeaveModule.manage,
                  summary: "Grant a year's annual leave to every employee (China's rule), optionally carrying unused days over", body: LeaveAccrualRequest.self,
                  use: accrue)
        routes.on(.PATCH, "profiles", ":id", permission: LeaveModule.manage, summary: "Set when an employee started working (decides annual leave)",
                  body: LeaveProfileInput.self, use: profile)
    }

    @Sendable func types(_ req: Request) async throws -> [LeaveTypeDTO] { try await LeaveService(context: req.serviceContext).types() }
    @Sendable func balances(_ req: Request) async throws -> [LeaveBalanceDTO] {
        try await LeaveService(context: req.serviceContext).balances(employeeID: try req.queryID("employee"), asOf: try req.queryDay("asOf"))
    }
    @Sendable func preview(_ req: Request) async throws -> LeavePreviewDTO {
        try await LeaveService(context: req.serviceContext).preview(try req.content.decode(LeaveRequestInput.self))
    }
    @Sendable func submit(_ req: Request) async throws -> LeaveRequestDTO {
        try await LeaveService(context: req.serviceContext).submit(try req.content.decode(LeaveRequestInput.self))
    }
    @Sendable func list(_ req: Request) async throws -> [LeaveRequestDTO] {
        try await LeaveService(context: req.serviceContext).list(employeeID: try req.queryID("employee"))
    }
    @Sendable func detail(_ req: Request) async throws -> LeaveRequestDTO {
        try await LeaveService(context: req.serviceContext).detail(try req.pathID(entity: "leave_request"))
    }
    @Sendable func cancel(_ req: Request) async throws -> LeaveRequestDTO {
        let id = try req.pathID(entity: "leave_request")
        let body = req.body.data == nil ? nil : try req.content.decode(LeaveCancelRequest.self)
        return try await LeaveService(context: req.serviceContext).cancel(id, version: body?.version)
    }
    @Sendable func team(_ req: Request) async throws -> [LeaveRequestDTO] {
        let context: ServiceContext = try req.serviceContext
        let today = context.today()
        let from = try req.queryDay("from") ?? today
        let to = try req.queryDay("to") ?? WorkCalendar.day(from, plus: 6) ?? from
        return try await LeaveService(context: context).team(from: from, through: to, departmentID: try req.queryID("department"))
    }
    @Sendable func accrue(_ req: Request) async throws -> LeaveAccrualDTO {
        try await LeaveAccrual(context: req.serviceContext).run(try req.content.decode(LeaveAccrualRequest.self))
    }
    @Sendable func profile(_ req: Request) async throws -> LeaveProfileDTO {
        let id = try req.pathID(entity: "employee")
        return try await LeaveAccrual(context: req.serviceContext).setProfile(id, try req.content.decode(LeaveProfileInput.self))
    }
}
