import AfieldAPI
import AfieldTesting
import Expenses
import Foundation
import Synchronization
import Testing

/// Advances offset against claims, claim lines in other currencies and on trips (issue 10
/// point 7). Flows are created explicitly, so the tests hold whether or not a document without
/// a flow is approved at once.
@Suite("Expense advances")
struct AdvanceTests {
    typealias F = AttendanceFixture

    /// A one-step flow for `subject` approved by Steven.
    static func flow(_ admin: APIClient, _ subject: String) async throws {
        let steven = try await admin.get("/api/v1/auth/users?q=steven.buchanan@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
        let answer = try await admin.post("/api/v1/approvals/flows", json: FlowSaveRequest(subject: subject, name: subject, definition: FlowDefinition(
            nodes: [FlowNode(id: "a", type: .approver, approvers: [ApproverRule(kind: .users, userIds: [steven])])])))
        #expect(answer.status == .created, "\(answer.text)")
    }

    /// Steven approves the approval instance `id`.
    static func approve(_ steven: APIClient, _ id: UUID?) async throws {
        let instance = try await steven.get("/api/v1/approvals/instances/\(try #require(id))").decode(ApprovalInstanceDTO.self)
        let task = try #require(instance.steps.first?.tasks.first)
        let answer = try await steven.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ApprovalDecisionRequest(comment: "ok"))
        #expect(answer.status == .ok, "\(answer.text)")
    }

    /// Flows for advances and claims, and a paid advance of Nancy's of `amount`.
    static func paidAdvance(_ admin: APIClient, _ nancy: APIClient, _ steven: APIClient, _ amount: DecimalText) async throws -> ExpenseAdvanceDTO {
        let asked = try await nancy.post("/api/v1/expenses/advances", json: ExpenseAdvanceInput(amount: amount, purpose: "Trade fair in Guangzhou",
                                                                                              expectedClaimDate: "2026-04-15"))
        #expect(asked.status == .created, "\(asked.text)")
        let advance: ExpenseAdvanceDTO = try asked.decode()
        #expect(advance.state == "pending")
        try await approve(steven, advance.approvalID)
        let approved: ExpenseAdvanceDTO = try await nancy.get("/api/v1/expenses/advances/\(advance.id)").decode()
        #expect(approved.state == "approved")
        let paid = try await admin.post("/api/v1/expenses/advances/\(advance.id)/pay", json: ExpenseAdvanceAction(version: approved.version, paidOn: "2026-03-01"))
        #expect(paid.status == .ok, "\(paid.text)")
        return try paid.decode()
    }

    /// An approved claim of Nancy's of one office line of `amount`.
    static func approvedClaim(_ admin: APIClient, _ nancy: APIClient, _ steven: APIClient, _ amount: DecimalText) async throws -> ExpenseClaimDTO {
        let office = try await ExpenseTests.category(admin, "office")
        let claim: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(
            title: "Fair", lines: [ExpenseTests.line(amount.text, category: office.id)], submit: true)).decode()
        #expect(claim.state == "pending")
        try await approve(steven, claim.approvalID)
        let approved: ExpenseClaimDTO = try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode()
        #expect(approved.state == "approved")
        return approved
    }

    static func setUp(_ client: APIClient) async throws -> (admin: APIClient, nancy: APIClient, steven: APIClient) {
        let admin = try await client.signedIn()
        try await flow(admin, "expenses.advance")
        try await flow(admin, "expenses.claim")
        return (admin, try await client.signedIn(F.nancy), try await client.signedIn(F.steven))
    }

    @Test("an advance of 2,000.00 is approved, paid and set against two claims: 1,250.50 (offset 1,250.50, net 0.00, balance 749.50), then 900.00 with offset-all (offset 749.50, net 150.50, advance settled)")
    func advanceOffsetAgainstClaims() async throws {
        try await withAfield { app, client in
            let paidEvents = Mutex<[ClaimPaid]>([])
            app.domainEvents.subscribe(ClaimPaid.self) { event, _, _ in paidEvents.withLock { $0.append(event) } }
            let (admin, nancy, steven) = try await Self.setUp(client)
            let advance = try await Self.paidAdvance(admin, nancy, steven, "2000.00")
            #expect(advance.state == "paid")
            #expect(advance.balance == "2000.00")
            #expect(advance.paidOn == "2026-03-01")
            // Nancy may not pay herself.
            #expect(try await nancy.post("/api/v1/expenses/advances/\(advance.id)/pay", json: ExpenseAdvanceAction(version: advance.version)).status == .forbidden)

            let first = try await Self.approvedClaim(admin, nancy, steven, "1250.50")
            let payables: ExpensePayablesDTO = try await admin.get("/api/v1/expenses/payables").decode()
            #expect(payables.claims.map(\.id) == [first.id])
            #expect(payables.advances.isEmpty)
            let paidFirst = try await admin.post("/api/v1/expenses/claims/\(first.id)/pay", json: ExpenseClaimAction(
                version: first.version, paidOn: "2026-03-20", offsets: [ExpenseOffsetInput(advanceID: advance.id, amount: "1250.50")]))
            #expect(paidFirst.status == .ok, "\(paidFirst.text)")
            let one: ExpenseClaimDTO = try paidFirst.decode()
            #expect(one.state == "paid")
            #expect(one.total == "1250.50")
            #expect(one.offset == "1250.50")
            #expect(one.netPaid == "0.00")
            #expect(one.offsets.map(\.advanceNumber) == [advance.number])
            #expect(one.offsets.map(\.amount) == ["1250.50"])
            var now: ExpenseAdvanceDTO = try await nancy.get("/api/v1/expenses/advances/\(advance.id)").decode()
            #expect(now.balance == "749.50")
            #expect(now.offset == "1250.50")
            #expect(now.state == "paid")

            let second = try await Self.approvedClaim(admin, nancy, steven, "900.00")
            let two: ExpenseClaimDTO = try await admin.post("/api/v1/expenses/claims/\(second.id)/pay", json: ExpenseClaimAction(
                version: second.version, paidOn: "2026-04-10", offsetAll: true)).decode()
            #expect(two.offset == "749.50")
            #expect(two.netPaid == "150.50")
            now = try await nancy.get("/api/v1/expenses/advances/\(advance.id)").decode()
            #expect(now.balance == "0.00")
            #expect(now.offset == "2000.00")
            #expect(now.state == "settled")
            #expect(now.movements.map(\.claimNumber) == [one.number, two.number])
            #expect(now.movements.map(\.amount) == ["1250.50", "749.50"])
            #expect(now.movements.map(\.date) == ["2026-03-20", "2026-04-10"])

            let events = paidEvents.withLock { $0 }
            #expect(events.map(\.total) == [125_050, 90_000])
            #expect(events.map(\.advanceOffset) == [125_050, 74_950])
            #expect(events.map(\.netPaid) == [0, 15_050])
            #expect(events.map(\.offsets) == [[advance.id: 125_050], [advance.id: 74_950]])
            // Every step is in the advance's history.
            let audit = try await admin.get("/api/v1/audit/entries?record=\(advance.id)").text
            for action in ["create", "approve", "pay", "offset"] { #expect(audit.contains("\"\(action)\""), "\(action)") }
        }
    }

    @Test("an offset over the advance's balance or over the claim's total is refused with a localised message and changes nothing; money given back lowers the balance")
    func offsetRefused() async throws {
        try await withAfield { _, client in
            let (admin, nancy, steven) = try await Self.setUp(client)
            let finance = admin.inLanguage("zh-CN")
            let advance = try await Self.paidAdvance(admin, nancy, steven, "500.00")
            let claim = try await Self.approvedClaim(admin, nancy, steven, "800.00")
            let over = try await finance.post("/api/v1/expenses/claims/\(claim.id)/pay", json: ExpenseClaimAction(
                version: claim.version, offsets: [ExpenseOffsetInput(advanceID: advance.id, amount: "600.00")]))
            #expect(over.status == .unprocessableEntity)
            #expect(try over.error.fields?.first?.field == "offsets[0].amount")
            #expect(try over.error.fields?.first?.message == "借款 \(advance.number) 仅剩 500.00 可冲抵。")

            let small = try await Self.approvedClaim(admin, nancy, steven, "300.00")
            let overTotal = try await admin.post("/api/v1/expenses/claims/\(small.id)/pay", json: ExpenseClaimAction(
                version: small.version, offsets: [ExpenseOffsetInput(advanceID: advance.id, amount: "400.00")]))
            #expect(try overTotal.error.fields?.first?.message == "The offsets add up to 400.00, more than the claim's total of 300.00.")
            let both = try await admin.post("/api/v1/expenses/claims/\(small.id)/pay", json: ExpenseClaimAction(
                version: small.version, offsets: [ExpenseOffsetInput(advanceID: advance.id, amount: "1.00")], offsetAll: true))
            #expect(try both.error.fields?.first?.code == "expenses.offset_and_all")
            let stranger = try await admin.post("/api/v1/expenses/claims/\(small.id)/pay", json: ExpenseClaimAction(
                version: small.version, offsets: [ExpenseOffsetInput(advanceID: UUID(), amount: "1.00")]))
            #expect(try stranger.error.fields?.first?.code == "expenses.unknown_advance")

            #expect(try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode(ExpenseClaimDTO.self).state == "approved")
            #expect(try await nancy.get("/api/v1/expenses/claims/\(small.id)").decode(ExpenseClaimDTO.self).state == "approved")
            var now: ExpenseAdvanceDTO = try await nancy.get("/api/v1/expenses/advances/\(advance.id)").decode()
            #expect(now.balance == "500.00")
            #expect(now.movements.isEmpty)
            #expect(now.version == advance.version)

            let back = try await admin.post("/api/v1/expenses/advances/\(advance.id)/return", json: ExpenseAdvanceReturnRequest(
                version: now.version, paidOn: "2026-03-05", amount: "120.00"))
            #expect(back.status == .ok, "\(back.text)")
            now = try back.decode()
            #expect(now.balance == "380.00")
            #expect(now.returned == "120.00")
            #expect(now.movements.map(\.kind) == ["return"])
            let tooMuch = try await admin.post("/api/v1/expenses/advances/\(advance.id)/return", json: ExpenseAdvanceReturnRequest(version: now.version, amount: "380.01"))
            #expect(try tooMuch.error.code == "expenses.offset_over_balance" || tooMuch.error.fields?.first?.code == "expenses.offset_over_balance")
            // Paying the 800.00 claim with everything left: offset 380.00, net 420.00, advance settled.
            let paid: ExpenseClaimDTO = try await admin.post("/api/v1/expenses/claims/\(claim.id)/pay", json: ExpenseClaimAction(
                version: claim.version, offsetAll: true)).decode()
            #expect(paid.offset == "380.00")
            #expect(paid.netPaid == "420.00")
            #expect(try await nancy.get("/api/v1/expenses/advances/\(advance.id)").decode(ExpenseAdvanceDTO.self).state == "settled")
        }
    }

    @Test("two payments at once that each set 1,500.00 of a 2,000.00 advance against their claim: one is paid, the other refused; the balance is 500.00")
    func concurrentOffsets() async throws {
        try await withAfield { _, client in
            let (admin, nancy, steven) = try await Self.setUp(client)
            let advance = try await Self.paidAdvance(admin, nancy, steven, "2000.00")
            let a = try await Self.approvedClaim(admin, nancy, steven, "1500.00")
            let b = try await Self.approvedClaim(admin, nancy, steven, "1500.00")
            async let first = admin.post("/api/v1/expenses/claims/\(a.id)/pay", json: ExpenseClaimAction(
                version: a.version, offsets: [ExpenseOffsetInput(advanceID: advance.id, amount: "1500.00")]))
            async let second = admin.post("/api/v1/expenses/claims/\(b.id)/pay", json: ExpenseClaimAction(
                version: b.version, offsets: [ExpenseOffsetInput(advanceID: advance.id, amount: "1500.00")]))
            let statuses = try await [first.status, second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 1)
            let now: ExpenseAdvanceDTO = try await nancy.get("/api/v1/expenses/advances/\(advance.id)").decode()
            #expect(now.balance == "500.00")
            #expect(now.movements.map(\.amount) == ["1500.00"])
            let states = try await [a, b].asyncMap { try await nancy.get("/api/v1/expenses/claims/\($0.id)").decode(ExpenseClaimDTO.self).state }
            #expect(states.sorted() == ["approved", "paid"])
        }
    }

    @Test("a line in another currency counts in company currency: CNY 1,000.00 at 0.138765 is USD 138.77 (half-up) in the budget; without a rate it is refused in the user's language")
    func foreignCurrencyLine() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let travel = try await ExpenseTests.category(admin, "travel")
            #expect(try await admin.post("/api/v1/expenses/budgets", json: ExpenseBudgetInput(
                departmentID: me.departmentId, categoryID: travel.id, month: "2026-03", amount: "200.00", action: "stop")).status == .created)
            let foreign = ExpenseLineInput(date: "2026-03-10", categoryID: travel.id, amount: "1000.00", currency: "cny", exchangeRate: "0.138765")
            let bare = try await nancy.inLanguage("zh-CN").post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Train", lines: [
                ExpenseLineInput(date: "2026-03-10", categoryID: travel.id, amount: "1000.00", currency: "CNY")]))
            #expect(bare.status == .unprocessableEntity)
            #expect(try bare.error.fields?.first?.field == "lines[0].exchangeRate")
            #expect(try bare.error.fields?.first?.message == "请填写 CNY 兑 USD 的汇率。")
            let badRate = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Train", lines: [
                ExpenseLineInput(date: "2026-03-10", categoryID: travel.id, amount: "1000.00", currency: "CNY", exchangeRate: "0.1387651")]))
            #expect(try badRate.error.fields?.first?.code == "expenses.bad_rate")

            let mixed = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Trip", lines: [
                foreign, ExpenseTests.line("70.00", category: travel.id)], submit: true))
            #expect(try mixed.error.message == "Over budget: Travel for 2026-03 has 200.00 left of 200.00, and this claim adds 208.77.")

            let claim: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Train", lines: [
                foreign, ExpenseTests.line("12.50", category: travel.id)])).decode()
            #expect(claim.total == "151.27")
            #expect(claim.lines[0].amount == "1000.00")
            #expect(claim.lines[0].currency == "CNY")
            #expect(claim.lines[0].exchangeRate == "0.138765")
            #expect(claim.lines[0].companyAmount == "138.77")
            // A line in the company currency is as before.
            #expect(claim.lines[1].amount == "12.50")
            #expect(claim.lines[1].companyAmount == "12.50")
            #expect(claim.lines[1].currency == "USD")
            #expect(claim.lines[1].exchangeRate == nil)
            #expect(try await nancy.post("/api/v1/expenses/claims/\(claim.id)/submit", json: ExpenseClaimAction(version: claim.version)).status == .ok)
            let budget = try await admin.get("/api/v1/expenses/budgets?month=2026-03").decode([ExpenseBudgetDTO].self)[0]
            #expect(budget.pending == "151.27" || budget.used == "151.27")
        }
    }

    @Test("a claim line may name an approved business trip of the claimant; another trip id is refused")
    func tripLink() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let trip = try await AwayFormTests.submit(nancy, template: "businessTrip", [
                "destination": "Shanghai", "period": ["start": "2026-03-02", "end": "2026-03-03"], "transport": "train", "reason": "Customer visits"])
            // Before approval the trip is not there to name.
            #expect(try await nancy.get("/api/v1/expenses/trips").decode([ExpenseTripDTO].self).isEmpty)
            let task = try #require(trip.steps.first?.tasks.first)
            #expect(try await admin.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ApprovalDecisionRequest(comment: "ok")).status == .ok)
            let trips: [ExpenseTripDTO] = try await nancy.get("/api/v1/expenses/trips").decode()
            #expect(trips == [ExpenseTripDTO(id: trip.summary.id, startDate: "2026-03-02", endDate: "2026-03-03", destination: "Shanghai")])
            #expect(try await client.signedIn(F.steven).get("/api/v1/expenses/trips").decode([ExpenseTripDTO].self).isEmpty)

            let hotel = try await ExpenseTests.category(admin, "hotel")
            var line = ExpenseTests.line("420.00", date: "2026-03-02", category: hotel.id)
            line.tripID = trip.summary.id
            let claim: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Shanghai", lines: [line])).decode()
            #expect(claim.lines[0].tripID == trip.summary.id)
            line.tripID = UUID()
            let refused = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Elsewhere", lines: [line]))
            #expect(try refused.error.fields?.first?.code == "expenses.unknown_trip")
        }
    }
}

extension Array {
    /// `transform` applied to each element in turn.
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var answer: [T] = []
        for element in self { answer.append(try await transform(element)) }
        return answer
    }
}
