import AfieldAPI
import AfieldTesting
import Expenses
import Fluent
import Foundation
import Platform
import Synchronization
import Testing

/// Expense claims, budgets, invoices and receipts (issue 10 point 7; cases E-01…E-03 of
/// ../shared/cases/expenses.md).
@Suite("Expenses")
struct ExpenseTests {
    typealias F = AttendanceFixture

    static func category(_ api: APIClient, _ key: String) async throws -> ExpenseCategoryDTO {
        try #require(try await api.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self).first { $0.key == key })
    }

    static func line(_ amount: String, date: String = "2026-03-10", item: UUID? = nil, category: UUID? = nil, invoice: String? = nil,
                     receipts: [UUID]? = nil) -> ExpenseLineInput {
        ExpenseLineInput(date: date, itemID: item, categoryID: category, amount: DecimalText(amount), invoiceNumber: invoice, invoiceType: invoice == nil ? nil : "vatNormal",
                         receipts: receipts)
    }

    @Test("E-01 a line whose category comes from its item (Repairs) is stopped by the Repairs budget of 1,000.00; a line without any category is refused")
    func budgetStop() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let repairs = try await Self.category(admin, "repairs")
            let budget = try await admin.post("/api/v1/expenses/budgets", json: ExpenseBudgetInput(
                departmentID: try #require(me.departmentId), categoryID: repairs.id, month: "2026-03", amount: "1000.00", action: "stop"))
            #expect(budget.status == .created, "\(budget.text)")
            let item: ExpenseItemDTO = try await admin.post("/api/v1/expenses/items", json: ExpenseItemInput(name: "Printer repair", defaultCategoryID: repairs.id)).decode()

            let draft = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Printer", lines: [Self.line("1500.00", item: item.id)]))
            #expect(draft.status == .created, "\(draft.text)")
            let claim: ExpenseClaimDTO = try draft.decode()
            #expect(claim.lines[0].categoryName == "Repairs")
            let submitted = try await nancy.post("/api/v1/expenses/claims/\(claim.id)/submit", json: ExpenseClaimAction(version: claim.version))
            #expect(submitted.status == .unprocessableEntity)
            #expect(try submitted.error.code == "expenses.over_budget")
            #expect(try submitted.error.message == "Over budget: Repairs for 2026-03 has 1000.00 left of 1000.00, and this claim adds 1500.00.")
            #expect(try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode(ExpenseClaimDTO.self).state == "draft")
            // Created and submitted in one call, a refused submission leaves no draft behind.
            let atOnce = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "At once", lines: [Self.line("1500.00", item: item.id)],
                                                                                                 submit: true))
            #expect(try atOnce.error.code == "expenses.over_budget")

            let bare = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "No category", lines: [Self.line("10.00")]))
            #expect(bare.status == .unprocessableEntity)
            #expect(try bare.error.fields?.first?.code == "expenses.category_required")
            #expect(try await nancy.get("/api/v1/expenses/claims").decode([ExpenseClaimDTO].self).count == 1)
        }
    }

    @Test("E-02 an invoice number already on an approved claim is flagged for the approver on another user's claim; twice in one claim is refused")
    func duplicateInvoice() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let steven = try await client.signedIn(F.steven)
            let office = try await Self.category(admin, "office")
            let number = "04400230011100012345"
            let filed: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(
                title: "Paper", lines: [Self.line("120.00", category: office.id, invoice: number)], submit: true)).decode()
            #expect(filed.state == "pending")
            #expect(try await F.approveInbox(admin) == 1)
            let first: ExpenseClaimDTO = try await nancy.get("/api/v1/expenses/claims/\(filed.id)").decode()
            #expect(first.state == "approved")
            #expect(first.warnings.isEmpty)

            let twice = try await steven.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Twice", lines: [
                Self.line("10.00", category: office.id, invoice: "INV-1"), Self.line("20.00", category: office.id, invoice: "INV-1")]))
            #expect(twice.status == .unprocessableEntity)
            #expect(try twice.error.fields?.first?.field == "lines[1].invoiceNumber")
            #expect(try twice.error.fields?.first?.code == "expenses.invoice_twice")

            let second: ExpenseClaimDTO = try await steven.post("/api/v1/expenses/claims", json: ExpenseClaimInput(
                title: "Paper again", lines: [Self.line("120.00", category: office.id, invoice: number)], submit: true)).decode()
            #expect(second.state == "pending")
            #expect(second.warnings == ["expenses.duplicate_invoice"])
            #expect(second.lines[0].duplicateInvoice)
            // Steven's direct manager decides, and sees the flag.
            #expect(try await admin.get("/api/v1/approvals/instances/\(try #require(second.approvalID))").status == .ok)
            let inbox = try await admin.get("/api/v1/approvals/instances?box=todo").text
            #expect(inbox.contains("Invoice already claimed elsewhere"))
        }
    }

    @Test("E-03 receipts are at most 5 MB on every path: 20 MB through the upload endpoints answers 413 with the limit; a larger file attached to a claim is refused; nothing stored")
    func receiptLimit() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let office = try await Self.category(admin, "office")
            let before = try await StoredFile.query(on: app.db).count()
            var twenty = Data("%PDF-1.7\n".utf8)
            twenty.append(Data(count: 20 * 1024 * 1024))
            let viaFiles = try await nancy.send(.POST, "/api/v1/files", bytes: twenty, contentType: "application/pdf")
            #expect(viaFiles.status == .payloadTooLarge)
            let viaClaim = try await nancy.send(.POST, "/api/v1/expenses/receipts", bytes: twenty, contentType: "application/pdf")
            #expect(viaClaim.status == .payloadTooLarge)
            #expect(try viaClaim.error.message.contains("5 MB"))
            #expect(try await StoredFile.query(on: app.db).count() == before)

            // 7 MB passes the general upload (10 MB) but is no receipt.
            var seven = Data("%PDF-1.7\n".utf8)
            seven.append(Data(count: 7 * 1024 * 1024))
            let big: FileRef = try await nancy.send(.POST, "/api/v1/files", bytes: seven, contentType: "application/pdf").decode()
            let refused = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Big", lines: [
                Self.line("5.00", category: office.id, receipts: [big.id])]))
            #expect(refused.status == .payloadTooLarge)
            #expect(try refused.error.code == "expenses.receipt_too_large")
            #expect(try await nancy.get("/api/v1/expenses/claims").decode([ExpenseClaimDTO].self).isEmpty)

            let small: FileRef = try await nancy.send(.POST, "/api/v1/expenses/receipts", bytes: Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 100)),
                                                      contentType: "image/jpeg").decode()
            let kept: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Taxi", lines: [
                Self.line("35.50", category: office.id, receipts: [small.id])])).decode()
            #expect(kept.lines[0].receipts == [small.id])
            // The receipt is the claim's now: the claimant reads it, a colleague without scope does not.
            #expect(try await nancy.get("/api/v1/files/\(small.id)/meta").status == .ok)
            #expect(try await client.signedIn(F.steven).get("/api/v1/files/\(small.id)/meta").status == .notFound)
            #expect(try await admin.get("/api/v1/files/\(small.id)/meta").status == .ok)
        }
    }

    @Test("budgets are checked again on approval: a claim pending when its stop budget is lowered cannot be approved; paying publishes ClaimPaid")
    func approvalAndPayment() async throws {
        try await withAfield { app, client in
            let paid = Mutex<[ClaimPaid]>([])
            app.domainEvents.subscribe(ClaimPaid.self) { event, _, _ in paid.withLock { $0.append(event) } }
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let steven = try await client.signedIn(F.steven)
            let me = try await F.employee(admin, "Nancy")
            let travel = try await Self.category(admin, "travel")
            let budget: ExpenseBudgetDTO = try await admin.post("/api/v1/expenses/budgets", json: ExpenseBudgetInput(
                departmentID: me.departmentId, categoryID: travel.id, month: "2026-03", amount: "1000.00", action: "stop")).decode()
            let stevenUser = try await admin.get("/api/v1/auth/users?q=steven.buchanan@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
            #expect(try await admin.post("/api/v1/approvals/flows", json: FlowSaveRequest(subject: "expenses.claim", name: "Claims", definition: FlowDefinition(
                nodes: [FlowNode(id: "a", type: .approver, approvers: [ApproverRule(kind: .users, userIds: [stevenUser])])]))).status == .created)
            let claim: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(
                title: "Train", lines: [Self.line("800.00", category: travel.id)], submit: true)).decode()
            #expect(claim.state == "pending")
            // A second claim would pass the budget only if the first were not counted.
            let second: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(
                title: "Hotel", lines: [Self.line("300.00", category: travel.id)])).decode()
            let refused = try await nancy.post("/api/v1/expenses/claims/\(second.id)/submit", json: ExpenseClaimAction(version: second.version))
            #expect(try refused.error.code == "expenses.over_budget")

            #expect(try await admin.send(.PATCH, "/api/v1/expenses/budgets/\(budget.id)", json: ExpenseBudgetUpdate(version: budget.version, amount: "500.00")).status == .ok)
            let instance = try await steven.get("/api/v1/approvals/instances/\(try #require(claim.approvalID))").decode(ApprovalInstanceDTO.self)
            let task = try #require(instance.steps.first?.tasks.first)
            let blocked = try await steven.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ["comment": "ok"])
            #expect(blocked.status == .unprocessableEntity)
            #expect(try blocked.error.code == "expenses.over_budget")
            #expect(try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode(ExpenseClaimDTO.self).state == "pending")

            let raised: ExpenseBudgetDTO = try await admin.get("/api/v1/expenses/budgets?month=2026-03").decode([ExpenseBudgetDTO].self)[0]
            #expect(raised.pending == "800.00")
            #expect(try await admin.send(.PATCH, "/api/v1/expenses/budgets/\(budget.id)", json: ExpenseBudgetUpdate(version: raised.version, amount: "2000.00")).status == .ok)
            #expect(try await steven.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ["comment": "ok"]).status == .ok)
            let approved: ExpenseClaimDTO = try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode()
            #expect(approved.state == "approved")
            #expect(try await nancy.post("/api/v1/expenses/claims/\(claim.id)/pay", json: ExpenseClaimAction(version: approved.version)).status == .forbidden)
            let done: ExpenseClaimDTO = try await admin.post("/api/v1/expenses/claims/\(claim.id)/pay", json: ExpenseClaimAction(version: approved.version,
                                                                                                                                  paidOn: "2026-03-31")).decode()
            #expect(done.state == "paid")
            #expect(done.paidOn == "2026-03-31")
            let events = paid.withLock { $0 }
            #expect(events.count == 1)
            #expect(events.first?.total == 80_000)
            #expect(events.first?.byCategory == [travel.id: 80_000])
        }
    }
}
