import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// `/api/v1/expenses`: categories, items, budgets, receipts and claims. Thin: decode, call the
/// service, encode.
struct ExpensesController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let own = ExpensesModule.own
        routes.on(.GET, "categories", permission: own, summary: "Expense categories with their per-day limits by city tier", use: categories)
        routes.on(.POST, "categories", permission: ExpensesModule.configManage, summary: "Add an expense category", body: ExpenseCategoryInput.self,
                  status: .created, use: createCategory)
        routes.on(.PATCH, "categories", ":id", permission: ExpensesModule.configManage,
                  summary: "Rename, set limits, archive or restore a category (send the version read; 409 when stale)", body: ExpenseCategoryUpdate.self,
                  use: updateCategory)
        routes.on(.GET, "items", permission: own, summary: "Expense items and their default categories", use: items)
        routes.on(.POST, "items", permission: ExpensesModule.configManage, summary: "Add an expense item", body: ExpenseItemInput.self, status: .created,
                  use: createItem)
        routes.on(.GET, "budgets", permission: ExpensesModule.budgetRead, summary: "Budgets of a month (all without `month`) with what is used",
                  query: ["month"], use: budgets)
        routes.on(.POST, "budgets", permission: ExpensesModule.configManage, summary: "Add a budget for a department, category and month",
                  body: ExpenseBudgetInput.self, status: .created, use: createBudget)
        routes.on(.PATCH, "budgets", ":id", permission: ExpensesModule.configManage,
                  summary: "Change a budget's amount or action (send the version read; 409 when stale)", body: ExpenseBudgetUpdate.self, use: updateBudget)
        let upload = routes.on(.POST, "receipts", permission: own,
                               summary: "Upload a receipt (an image or PDF as the raw body, at most 5 MB); then list its id on a claim line",
                               rawBody: ClaimLines.receiptTypes.sorted(), response: FileRef.self, status: .created, maxBodySize: "5mb", use: receipt)
        upload.userInfo[RouteInfo.headers] = [FileUpload.fileNameHeader]
        routes.on(.POST, "claims", permission: own, summary: "Create a claim (a draft, or submitted at once with `submit: true`)",
                  body: ExpenseClaimInput.self, status: .created, use: create)
        routes.on(.GET, "claims", permission: own, summary: "Claims of an employee (default: the caller), newest first", query: [.uuid("employee")],
                  use: list)
        routes.on(.GET, "claims", ":id", permission: own, summary: "A claim with its lines and flags", use: detail)
        routes.on(.PATCH, "claims", ":id", permission: own, summary: "Change a draft claim (send the version read; lines replace the old ones)",
                  body: ExpenseClaimUpdate.self, use: update)
        routes.on(.POST, "claims", ":id", "submit", permission: own,
                  summary: "Submit a draft for approval: budgets and invoice numbers are checked", body: ExpenseClaimAction.self, use: submit)
        routes.on(.POST, "claims", ":id", "pay", permission: ExpensesModule.claimPay,
                  summary: "Record the payment of an approved claim, optionally setting open advances of the claimant against it",
                  body: ExpenseClaimAction.self, use: pay)
        routes.on(.GET, "payables", permission: ExpensesModule.claimPay, summary: "Approved claims and advances waiting to be paid, oldest first",
                  use: payables)
        routes.on(.GET, "trips", permission: own, summary: "The caller's approved business trips, for claim lines", use: trips)
        routes.on(.GET, "advances", permission: own, summary: "Advances of an employee (default: the caller), newest first", query: [.uuid("employee")],
                  use: advances)
        routes.on(.POST, "advances", permission: own, summary: "Ask for an advance; it is submitted for approval at once", body: ExpenseAdvanceInput.self,
                  status: .created, use: requestAdvance)
        routes.on(.GET, "advances", ":id", permission: own, summary: "An advance with its offsets, returns and balance", use: advance)
        routes.on(.POST, "advances", ":id", "pay", permission: ExpensesModule.claimPay, summary: "Record an approved advance paid to the employee",
                  body: ExpenseAdvanceAction.self, use: payAdvance)
        routes.on(.POST, "advances", ":id", "return", permission: ExpensesModule.claimPay,
                  summary: "Record unused advance money given back by the employee (at most the balance)", body: ExpenseAdvanceReturnRequest.self,
                  use: returnAdvance)
    }

    @Sendable func categories(_ req: Request) async throws -> [ExpenseCategoryDTO] { try await ExpenseSettingsService(context: req.serviceContext).categories() }
    @Sendable func createCategory(_ req: Request) async throws -> ExpenseCategoryDTO {
        try await ExpenseSettingsService(context: req.serviceContext).createCategory(try req.content.decode(ExpenseCategoryInput.self))
    }
    @Sendable func updateCategory(_ req: Request) async throws -> ExpenseCategoryDTO {
        let id = try req.pathID(entity: "expense_category")
        return try await ExpenseSettingsService(context: req.serviceContext).updateCategory(id, try req.content.decode(ExpenseCategoryUpdate.self))
    }
    @Sendable func items(_ req: Request) async throws -> [ExpenseItemDTO] { try await ExpenseSettingsService(context: req.serviceContext).items() }
    @Sendable func createItem(_ req: Request) async throws -> ExpenseItemDTO {
        try await ExpenseSettingsService(context: req.serviceContext).createItem(try req.content.decode(ExpenseItemInput.self))
    }
    @Sendable func budgets(_ req: Request) async throws -> [ExpenseBudgetDTO] {
        try await ExpenseSettingsService(context: req.serviceContext).budgets(month: req.queryText("month"))
    }
    @Sendable func createBudget(_ req: Request) async throws -> ExpenseBudgetDTO {
        try await ExpenseSettingsService(context: req.serviceContext).createBudget(try req.content.decode(ExpenseBudgetInput.self))
    }
    @Sendable func updateBudget(_ req: Request) async throws -> ExpenseBudgetDTO {
        let id = try req.pathID(entity: "expense_budget")
        return try await ExpenseSettingsService(context: req.serviceContext).updateBudget(id, try req.content.decode(ExpenseBudgetUpdate.self))
    }
    @Sendable func receipt(_ req: Request) async throws -> Response {
        let file = try await FileUpload.store(req, rules: .init(maximumBytes: ClaimLines.receiptLimit, maximumText: ClaimLines.receiptLimitText,
                                                                types: ClaimLines.receiptTypes, tooLargeCode: "expenses.receipt_too_large"))
        let response = Response(status: .created)
        try response.content.encode(file, using: JSONEncoder.afield)
        return response
    }
    @Sendable func create(_ req: Request) async throws -> ExpenseClaimDTO {
        try await ExpenseClaimService(context: req.serviceContext).create(try req.content.decode(ExpenseClaimInput.self))
    }
    @Sendable func list(_ req: Request) async throws -> [ExpenseClaimDTO] {
        try await ExpenseClaimService(context: req.serviceContext).list(employeeID: try req.queryID("employee"))
    }
    @Sendable func detail(_ req: Request) async throws -> ExpenseClaimDTO {
        try await ExpenseClaimService(context: req.serviceContext).detail(try req.pathID(entity: "expense_claim"))
    }
    @Sendable func update(_ req: Request) async throws -> ExpenseClaimDTO {
        let id = try req.pathID(entity: "expense_claim")
        let service = ExpenseClaimService(context: try req.serviceContext)
        _ = try await service.visible(id)
        return try await service.update(id, try req.content.decode(ExpenseClaimUpdate.self))
    }
    @Sendable func submit(_ req: Request) async throws -> ExpenseClaimDTO {
        let id = try req.pathID(entity: "expense_claim")
        let service = ExpenseClaimService(context: try req.serviceContext)
        _ = try await service.visible(id)
        let body = req.body.data == nil ? nil : try req.content.decode(ExpenseClaimAction.self)
        return try await service.submit(id, version: body?.version)
    }
    @Sendable func pay(_ req: Request) async throws -> ExpenseClaimDTO {
        let id = try req.pathID(entity: "expense_claim")
        let service = ExpenseClaimService(context: try req.serviceContext)
        _ = try await service.visible(id)
        let body = req.body.data == nil ? nil : try req.content.decode(ExpenseClaimAction.self)
        return try await service.pay(id, version: body?.version, paidOn: body?.paidOn, offsets: body?.offsets, offsetAll: body?.offsetAll ?? false)
    }
    @Sendable func payables(_ req: Request) async throws -> ExpensePayablesDTO {
        let context: ServiceContext = try req.serviceContext
        return ExpensePayablesDTO(claims: try await ExpenseClaimService(context: context).approved(),
                                  advances: try await ExpenseAdvanceService(context: context).approved())
    }
    @Sendable func trips(_ req: Request) async throws -> [ExpenseTripDTO] {
        let actor = try req.actor
        guard let employeeID = actor.employeeID else { return [] }
        return try await ExpenseTrip.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == employeeID)
            .sort(\.$startDate, .descending).limit(100).all()
            .map { ExpenseTripDTO(id: $0.instanceID, startDate: $0.startDate, endDate: $0.endDate, destination: $0.destination) }
    }
    @Sendable func advances(_ req: Request) async throws -> [ExpenseAdvanceDTO] {
        try await ExpenseAdvanceService(context: req.serviceContext).list(employeeID: try req.queryID("employee"))
    }
    @Sendable func requestAdvance(_ req: Request) async throws -> ExpenseAdvanceDTO {
        try await ExpenseAdvanceService(context: req.serviceContext).request(try req.content.decode(ExpenseAdvanceInput.self))
    }
    @Sendable func advance(_ req: Request) async throws -> ExpenseAdvanceDTO {
        try await ExpenseAdvanceService(context: req.serviceContext).detail(try req.pathID(entity: "expense_advance"))
    }
    @Sendable func payAdvance(_ req: Request) async throws -> ExpenseAdvanceDTO {
        let id = try req.pathID(entity: "expense_advance")
        let body = req.body.data == nil ? nil : try req.content.decode(ExpenseAdvanceAction.self)
        return try await ExpenseAdvanceService(context: req.serviceContext).pay(id, version: body?.version, paidOn: body?.paidOn)
    }
    @Sendable func returnAdvance(_ req: Request) async throws -> ExpenseAdvanceDTO {
        let id = try req.pathID(entity: "expense_advance")
        let body = req.body.data == nil ? nil : try req.content.decode(ExpenseAdvanceReturnRequest.self)
        return try await ExpenseAdvanceService(context: req.serviceContext).giveBack(id, version: body?.version, amount: body?.amount, on: body?.paidOn)
    }
}
