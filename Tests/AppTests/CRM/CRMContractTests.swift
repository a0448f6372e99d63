import AfieldAPI
import AfieldTesting
import App
import CRM
import Fluent
import Foundation
import Platform
import Testing

/// Issue 12 point 8: contracts (合同) — parties, dates, linked orders, the collection plan
/// against the money received, approval through the engine, renewal and the reminders.
@Suite("CRM: contracts")
struct CRMContractTests {
    /// Monday 2026-12-07, 12:00 UTC: the same day in the demo company's and its people's time zones.
    static let start = Date(timeIntervalSince1970: 1_796_644_800)

    /// Nancy's first order and its customer, and an order of another customer of hers.
    static func nancysOrders(_ nancy: APIClient) async throws -> (OrderSummary, OrderSummary) {
        let orders = try await nancy.get("/api/v1/sales/orders?limit=100").decode(AfieldAPI.Page<OrderSummary>.self).items
        let first = try #require(orders.first)
        let other = try #require(orders.first { $0.customerId != first.customerId })
        return (first, other)
    }

    /// The approver of instance `id` approves it.
    static func approve(_ approver: APIClient, _ id: UUID?) async throws {
        let instance = try await approver.get("/api/v1/approvals/instances/\(try #require(id))").decode(ApprovalInstanceDTO.self)
        let task = try #require(instance.steps.first?.tasks.first)
        let answer = try await approver.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ApprovalDecisionRequest(comment: "ok"))
        #expect(answer.status == .ok, "\(answer.text)")
    }

    @Test("a draft contract with a linked order and a two-instalment plan: checked, submitted, approved by the manager through the engine, money received matched first due first, renewed, terminated")
    func lifecycle() async throws {
        let clock = ManualClock(Self.start)
        try await withAfield(clock: clock.clock) { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let (order, otherOrder) = try await Self.nancysOrders(nancy)
            let customerID = order.customerId
            let customer: PartnerDetail = try await nancy.get("/api/v1/partners/customers/\(customerID)").decode()
            let plan = [ContractInstalmentInput(dueOn: "2026-12-31", amount: "10000.00", note: "预付款"),
                        ContractInstalmentInput(dueOn: "2027-06-30", amount: "20000.00", note: "尾款")]
            var input = ContractInput(title: "2027 年度供货合同", customerId: customerID, customerSignatoryId: customer.contacts.first?.id, amount: "30000.00",
                                      signedOn: "2026-12-07", startsOn: "2027-01-01", endsOn: "2026-12-31", terms: "按月供货，货到 30 天付款。",
                                      orderIds: [order.id], instalments: plan)

            // Bad input is refused field by field and stores nothing.
            let backwards = try await nancy.post("/api/v1/crm/contracts", json: input)
            #expect(try backwards.error.fields?.map(\.code) == ["crm.contract.dates"])
            input.endsOn = "2027-12-31"
            input.amount = "25000.00"
            #expect(try await nancy.post("/api/v1/crm/contracts", json: input).error.fields?.map(\.code) == ["crm.contract.plan_over_amount"])
            input.amount = "30000.00"
            input.orderIds = [order.id, otherOrder.id]
            #expect(try await nancy.post("/api/v1/crm/contracts", json: input).error.fields?.map(\.code) == ["crm.contract.order_other_customer"])
            input.orderIds = [order.id]
            let empty = try await nancy.get("/api/v1/crm/contracts").decode(AfieldAPI.Page<ContractDTO>.self)
            #expect(empty.items.isEmpty)

            // A draft, with the parties, the order and the plan.
            let created = try await nancy.post("/api/v1/crm/contracts", json: input)
            #expect(created.status == .created, "\(created.text)")
            var contract: ContractDTO = try created.decode()
            #expect(contract.number == "CT-2026-00001")
            #expect(contract.state == "draft")
            #expect(contract.customerName == customer.name)
            #expect(contract.customerSignatoryName == customer.contacts.first?.name)
            #expect(contract.ownerName == "Nancy Davolio")
            #expect(contract.orders.map(\.number) == [order.number])
            #expect(contract.instalments.map(\.amount) == ["10000.00", "20000.00"])
            #expect(contract.instalments.map(\.state) == ["open", "open"])
            #expect(contract.received == "0.00")
            #expect(contract.outstanding == "30000.00")
            #expect(contract.remindDaysBefore == 30)

            // The plan must add up before it goes for approval.
            contract = try await nancy.send(.PATCH, "/api/v1/crm/contracts/\(contract.id)", json: ContractUpdate(version: contract.version, amount: "32000.00"))
                .decode()
            #expect(contract.amount == "32000.00")
            let short = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version))
            #expect(try short.error.fields?.map(\.code) == ["crm.contract.plan_total"])
            #expect(try short.error.fields?.first?.message.contains("30000.00") == true)
            contract = try await nancy.send(.PATCH, "/api/v1/crm/contracts/\(contract.id)", json: ContractUpdate(version: contract.version, amount: "30000.00"))
                .decode()

            // Submitted: the company has designed no flow, so it goes to Nancy's manager.
            let submitted = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version))
            #expect(submitted.status == .ok, "\(submitted.text)")
            contract = try submitted.decode()
            #expect(contract.state == "pending")
            #expect(contract.approvalState == "pending")
            let locked = try await nancy.send(.PATCH, "/api/v1/crm/contracts/\(contract.id)", json: ContractUpdate(version: contract.version, title: "x"))
            #expect(try locked.error.code == "crm.contract.not_draft")
            let instance = try await nancy.get("/api/v1/approvals/instances/\(try #require(contract.approvalId))").decode(ApprovalInstanceDTO.self)
            let approverName = try #require(instance.steps.first?.tasks.first?.assignee.name)
            #expect(approverName == "Andrew Fuller")
            let andrew = try await client.signedIn("andrew.fuller@northwind.example")
            try await Self.approve(andrew, contract.approvalId)
            contract = try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode()
            #expect(contract.state == "active")
            #expect(contract.approvalState == "approved")

            // Money received is matched to the instalments first due, first paid.
            let future = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/receipts", json: ContractReceiptInput(receivedOn: "2026-12-08", amount: "1.00"))
            #expect(try future.error.fields?.map(\.code) == ["crm.contract.received_future"])
            contract = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/receipts",
                                            json: ContractReceiptInput(receivedOn: "2026-12-07", amount: "12000.00", note: "电汇")).decode()
            #expect(contract.received == "12000.00")
            #expect(contract.outstanding == "18000.00")
            #expect(contract.instalments.map(\.received) == ["10000.00", "2000.00"])
            #expect(contract.instalments.map(\.state) == ["paid", "partial"])
            #expect(contract.receipts.map(\.amount) == ["12000.00"])
            #expect(contract.receipts.first?.byName == "Nancy Davolio")

            // A month later nothing more came in: the second instalment is not overdue until its day.
            clock.advance(40 * 86_400)
            let later: ContractDTO = try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode()
            #expect(later.instalments.map(\.state) == ["paid", "partial"])
            // Past 2027-06-30 with 18000.00 still owed, it is overdue.
            clock.advance(200 * 86_400)
            let overdue: ContractDTO = try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode()
            #expect(overdue.instalments.map(\.state) == ["paid", "overdue"])

            // The customer's timeline shows the contract and its approval; the customer page lists it.
            let timeline: [TimelineEntryDTO] = try await nancy.get("/api/v1/crm/customers/\(customerID)/timeline").decode()
            #expect(timeline.contains { $0.kind == "contract" && $0.title == "CT-2026-00001 2027 年度供货合同" && $0.detail == "active" })
            #expect(timeline.contains { $0.kind == "approval" && $0.title == "CT-2026-00001" && $0.detail == "approved" })
            #expect(timeline.contains { $0.kind == "order" && $0.title == order.number })
            let ofCustomer: [ContractDTO] = try await nancy.get("/api/v1/crm/customers/\(customerID)/contracts").decode()
            #expect(ofCustomer.map(\.id) == [contract.id])
            // The workbench's search finds it, for its owner only.
            let q = "年度供货".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            let found: SearchResults = try await nancy.get("/api/v1/search?q=\(q)").decode()
            #expect(found.groups.first { $0.kind == "crm.contract" }?.hits.map(\.title) == ["2027 年度供货合同"])
            let janetsSearch: SearchResults = try await client.signedIn("janet.leverling@northwind.example").get("/api/v1/search?q=\(q)").decode()
            #expect(!janetsSearch.groups.contains { $0.kind == "crm.contract" })

            // Renewal: a new draft from the day after this one ends, as long; once only.
            let renewed = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/renew", json: [String: String]())
            #expect(renewed.status == .created, "\(renewed.text)")
            let renewal: ContractDTO = try renewed.decode()
            #expect(renewal.state == "draft")
            #expect(renewal.startsOn == "2028-01-01")
            #expect(renewal.endsOn == "2028-12-31")
            #expect(renewal.amount == "30000.00")
            #expect(renewal.renewalOfId == contract.id)
            #expect(renewal.instalments.isEmpty)
            let old: ContractDTO = try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode()
            #expect(old.renewedById == renewal.id)
            #expect(try await nancy.post("/api/v1/crm/contracts/\(contract.id)/renew", json: [String: String]()).error.code == "crm.contract.already_renewed")

            // Termination needs a reason; a cancelled draft is cancelled.
            let bare = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/terminate", json: ContractActionInput(version: old.version))
            #expect(try bare.error.fields?.map(\.code) == ["field.required"])
            let ended: ContractDTO = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/terminate",
                                                         json: ContractActionInput(version: old.version, reason: "客户业务调整")).decode()
            #expect(ended.state == "terminated")
            #expect(ended.terminationReason == "客户业务调整")
            let cancelled: ContractDTO = try await nancy.post("/api/v1/crm/contracts/\(renewal.id)/cancel", json: ContractActionInput(version: renewal.version))
                .decode()
            #expect(cancelled.state == "cancelled")

            // The list, with its state filter, and the audit trail of every step.
            let terminated = try await nancy.get("/api/v1/crm/contracts?state=terminated").decode(AfieldAPI.Page<ContractDTO>.self)
            #expect(terminated.items.map(\.number) == ["CT-2026-00001"])
            #expect(terminated.items.first?.received == "12000.00")
            let admin = try await client.signedIn()
            let audit = try await admin.get("/api/v1/audit/entries?record=\(contract.id)&limit=100").decode(AfieldAPI.Page<AuditEntryDTO>.self)
            #expect(audit.items.map(\.action).reversed() == ["create", "update", "update", "submit", "approve", "receive", "renew", "terminate"])
        }
    }

    @Test("contract scope and approval return: a colleague cannot see a rep's contract; a rejected contract returns to draft; withdrawing voids the approval")
    func scopeAndReturn() async throws {
        let clock = ManualClock(Self.start)
        try await withAfield(clock: clock.clock) { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let (order, _) = try await Self.nancysOrders(nancy)
            var contract: ContractDTO = try await nancy.post("/api/v1/crm/contracts", json: ContractInput(
                title: "试用协议", customerId: order.customerId, amount: "5000.00", startsOn: "2026-12-07", endsOn: "2027-03-06")).decode()
            let janet = try await client.signedIn("janet.leverling@northwind.example")
            #expect(try await janet.get("/api/v1/crm/contracts/\(contract.id)").status == .notFound)
            #expect(try await janet.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version)).status == .notFound)
            #expect(try await janet.get("/api/v1/crm/contracts").decode(AfieldAPI.Page<ContractDTO>.self).items.isEmpty)

            contract = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version)).decode()
            #expect(contract.state == "pending")
            contract = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/withdraw", json: ContractActionInput(version: contract.version)).decode()
            #expect(contract.state == "draft")
            #expect(contract.approvalState != "pending")

            contract = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version)).decode()
            let andrew = try await client.signedIn("andrew.fuller@northwind.example")
            let instance = try await andrew.get("/api/v1/approvals/instances/\(try #require(contract.approvalId))").decode(ApprovalInstanceDTO.self)
            let task = try #require(instance.steps.first?.tasks.first)
            let rejected = try await andrew.post("/api/v1/approvals/tasks/\(task.id)/reject", json: ApprovalDecisionRequest(comment: "金额需复核"))
            #expect(rejected.status == .ok, "\(rejected.text)")
            contract = try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode()
            #expect(contract.state == "draft")
            #expect(contract.approvalState == "rejected")
            let stale = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/cancel", json: ContractActionInput(version: contract.version - 1))
            #expect(stale.status == .conflict)
        }
    }

    @Test("contract reminders: the owner is reminded once N days before the end; after the end the contract expires and says so")
    func reminders() async throws {
        let clock = ManualClock(Self.start)
        try await withAfield(clock: clock.clock) { app, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let (order, _) = try await Self.nancysOrders(nancy)
            var contract: ContractDTO = try await nancy.post("/api/v1/crm/contracts", json: ContractInput(
                title: "季度维护", customerId: order.customerId, amount: "9000.00", startsOn: "2026-12-01", endsOn: "2027-02-28",
                remindDaysBefore: 30)).decode()
            contract = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version)).decode()
            let andrew = try await client.signedIn("andrew.fuller@northwind.example")
            try await Self.approve(andrew, contract.approvalId)
            let tenantID = try await CRMFixtures.tenantID(app)
            func noon(_ day: String) -> Date { ISO8601DateFormatter().date(from: day + "T12:00:00Z")! }
            func reminders() async throws -> [NotificationDTO] {
                try await nancy.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self).items.filter { $0.kind == "crm.contract" }
            }

            // 31 days before the end: nothing yet; 30 days before: one reminder, and only one.
            #expect(try await ContractReminders.run(tenantID: tenantID, now: noon("2027-01-28"), application: app) == (0, 0))
            #expect(try await ContractReminders.run(tenantID: tenantID, now: noon("2027-01-29"), application: app) == (1, 0))
            #expect(try await ContractReminders.run(tenantID: tenantID, now: noon("2027-01-30"), application: app) == (0, 0))
            let first = try await reminders()
            #expect(first.map(\.code) == ["crm.contract.renewal_due"])
            #expect(first.first?.link == "/crm/contracts/\(contract.id)")
            #expect(first.first?.params["endsOn"] == "2027-02-28")
            // On its last day it is still active; the day after, expired.
            #expect(try await ContractReminders.run(tenantID: tenantID, now: noon("2027-02-28"), application: app) == (0, 0))
            #expect(try await ContractReminders.run(tenantID: tenantID, now: noon("2027-03-01"), application: app) == (0, 1))
            let expired: ContractDTO = try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode()
            #expect(expired.state == "expired")
            #expect(try await reminders().map(\.code) == ["crm.contract.expired", "crm.contract.renewal_due"])

            // The installation-wide job runs it and queues its next run on the next hour.
            try await app.jobs.enqueue(ContractReminders.kind, payload: [String: String](), runAt: clock.now, tenantID: nil, key: "hourly", on: app.db)
            #expect(try await app.jobs.runDue(now: clock.now) == 1)
            let next = try await Job.query(on: app.db).filter(\.$kind == ContractReminders.kind).filter(\.$state == "queued").first()
            #expect(next.map { $0.runAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600) } == 0)
        }
    }
}
