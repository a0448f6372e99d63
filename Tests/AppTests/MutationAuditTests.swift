import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Walks every route that changes data and checks that calling it writes an audit entry
/// (issue 3, case A-32's rule for all paths). A new mutating route fails this test until it is
/// given a sample request here — and an audit entry in its handler.
@Suite("Every mutation is audited")
struct MutationAuditTests {
    /// The server's time while the two-factor samples run: their codes do not depend on speed.
    static let clock = ManualClock()
    /// How to call one route successfully: who calls, the path and body (after any set-up).
    typealias Sample = @Sendable (APIClient, Application) async throws -> (caller: APIClient, path: String, body: String?)

    /// A request that succeeds on the demo company, by "METHOD /path" with `{id}` placeholders.
    private func samples(_ api: APIClient) async throws -> [String: Sample] {
        let customer = try await api.get("/api/v1/partners/customers?q=Alfreds").decode(AfieldAPI.Page<PartnerSummary>.self).items[0]
        let supplier = try await api.get("/api/v1/partners/suppliers?limit=1").decode(AfieldAPI.Page<PartnerSummary>.self).items[0]
        let carrier = try await api.get("/api/v1/partners/carriers?limit=1").decode(AfieldAPI.Page<PartnerSummary>.self).items[0]
        let input = try await OrderFixtures.load(api).input()
        let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: input).decode()
        let orderJSON = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
        func plain(_ path: String, _ body: String? = nil) -> Sample { { client, _ in (try await client.signedIn(), path, body) } }
        let nancyID = try await api.get("/api/v1/auth/users?q=nancy.davolio@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
        let janetID = try await api.get("/api/v1/auth/users?q=janet.leverling@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
        let flowJSON = #"{"subject":"sales.order","name":"Walk flow","definition":{"nodes":[{"id":"n","type":"approver","approvers":[{"kind":"users","userIds":["\#(nancyID)"]}]}]}}"#
        /// The general request template with a flow (manager approves), and a body Nancy can submit.
        @Sendable func generalRequest(_ client: APIClient) async throws -> (APIClient, String) {
            let admin = try await client.signedIn()
            let form = try await admin.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "general" }!
            if form.flowId == nil {
                _ = try await admin.send(.POST, "/api/v1/approvals/flows", raw: #"{"subject":"form.\#(form.id)","name":"General","definition":{"nodes":[{"id":"m","type":"approver","approvers":[{"kind":"manager"}]}]}}"#)
            }
            return (try await client.signedIn("nancy.davolio@northwind.example"),
                    #"{"formId":"\#(form.id)","values":{"title":"Walk","details":"walking"}}"#)
        }
        /// An order the administrator confirmed, waiting for Nancy: (instance, Nancy's task, Nancy).
        @Sendable func pending(_ client: APIClient) async throws -> (instance: UUID, task: UUID, nancy: APIClient) {
            let admin = try await client.signedIn()
            if try await !admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).contains(where: { $0.subject == "sales.order" }) {
                _ = try await admin.send(.POST, "/api/v1/approvals/flows", raw: flowJSON)
            }
            let order: OrderDetail = try await admin.post("/api/v1/sales/orders", json: input).decode()
            _ = try await admin.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let todo: AfieldAPI.Page<ApprovalSummaryDTO> = try await nancy.get("/api/v1/approvals/instances?box=todo&limit=1").decode()
            return (todo.items[0].id, todo.items[0].myTaskId!, nancy)
        }
        /// The last partner by name of a list (never the one other samples edit); for `archived`, an
        /// archived one (the last one archived first when there is none).
        @Sendable func lastPartner(_ client: APIClient, _ plural: String, archived: Bool = false) async throws -> (APIClient, UUID) {
            let admin = try await client.signedIn()
            if archived, let gone = try await admin.get("/api/v1/partners/\(plural)?archived=only&limit=1").decode(AfieldAPI.Page<PartnerSummary>.self).items.first {
                return (admin, gone.id)
            }
            let last = try await admin.get("/api/v1/partners/\(plural)?sort=-name&limit=1").decode(AfieldAPI.Page<PartnerSummary>.self).items[0]
            if archived { _ = try await admin.send(.POST, "/api/v1/partners/\(plural)/\(last.id)/archive") }
            return (admin, last.id)
        }
        /// A planned visit of the administrator to Alfreds (checked in when `checkedIn`).
        @Sendable func walkVisit(_ client: APIClient, checkedIn: Bool = false) async throws -> (APIClient, VisitDTO) {
            let admin = try await client.signedIn()
            let visit: VisitDTO = try await admin.post("/api/v1/crm/visits", json: VisitInput(customerId: customer.id, plannedFor: "2026-09-21")).decode()
            if checkedIn {
                _ = try await admin.post("/api/v1/crm/visits/\(visit.id)/check-in", json: VisitCheckInInput(
                    latitude: "52.5200", longitude: "13.4050", deviceTime: ISO8601DateFormatter().string(from: MutationAuditTests.clock.now)))
            }
            return (admin, visit)
        }
        @Sendable func walkTask(_ client: APIClient) async throws -> (APIClient, TaskDTO) {
            let admin = try await client.signedIn()
            return (admin, try await admin.post("/api/v1/projects/tasks", json: TaskInput(title: "Walk task")).decode())
        }
        /// A line of the administrator's week of 2026-09-21 (days before the walk's clock).
        @Sendable func walkEntry(_ client: APIClient, day: String = "2026-09-21") async throws -> (APIClient, TimesheetEntryDTO) {
            let (admin, task) = try await walkTask(client)
            let week: TimesheetDTO = try await admin.post("/api/v1/projects/timesheet-entries",
                                                          json: TimesheetEntryInput(day: day, hours: "1", taskId: task.id)).decode()
            return (admin, week.entries.last!)
        }
        @Sendable func walkProject(_ client: APIClient) async throws -> (APIClient, ProjectDTO) {
            let admin = try await client.signedIn()
            return (admin, try await admin.post("/api/v1/projects/projects", json: ProjectInput(name: "Walk project", startsOn: "2026-09-01", endsOn: "2026-12-31")).decode())
        }
        @Sendable func walkLead(_ client: APIClient) async throws -> (APIClient, LeadDTO) {
            let admin = try await client.signedIn()
            let lead: LeadDTO = try await admin.post("/api/v1/crm/leads", json: LeadInput(company: "Walk Lead \(UUID().uuidString.prefix(8))")).decode()
            return (admin, lead)
        }
        @Sendable func walkOpportunity(_ client: APIClient) async throws -> (APIClient, OpportunityDTO) {
            let admin = try await client.signedIn()
            let opportunity: OpportunityDTO = try await admin.post("/api/v1/crm/opportunities", json: OpportunityInput(
                name: "Walk deal", customerId: customer.id, lines: [OpportunityLineInput(productId: input.lines![0].productId!, quantity: "1")])).decode()
            return (admin, opportunity)
        }
        /// A draft contract of Nancy's with a customer of one of her orders (submitted when
        /// `submitted`; approved by Andrew, her manager, when `active`).
        @Sendable func walkContract(_ client: APIClient, submitted: Bool = false, active: Bool = false) async throws -> (APIClient, ContractDTO) {
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let order = try await nancy.get("/api/v1/sales/orders?limit=1").decode(AfieldAPI.Page<OrderSummary>.self).items[0]
            var contract: ContractDTO = try await nancy.post("/api/v1/crm/contracts", json: ContractInput(
                title: "Walk contract", customerId: order.customerId, amount: "100.00", startsOn: "2026-01-01", endsOn: "2026-12-31")).decode()
            guard submitted || active else { return (nancy, contract) }
            contract = try await nancy.post("/api/v1/crm/contracts/\(contract.id)/submit", json: ContractActionInput(version: contract.version)).decode()
            guard active else { return (nancy, contract) }
            let andrew = try await client.signedIn("andrew.fuller@northwind.example")
            let instance = try await andrew.get("/api/v1/approvals/instances/\(contract.approvalId!)").decode(ApprovalInstanceDTO.self)
            _ = try await andrew.post("/api/v1/approvals/tasks/\(instance.steps[0].tasks[0].id)/approve", json: ApprovalDecisionRequest(comment: "ok"))
            return (nancy, try await nancy.get("/api/v1/crm/contracts/\(contract.id)").decode())
        }
        /// A customer the administrator has put in the public pool: (administrator, its id).
        @Sendable func pooled(_ client: APIClient) async throws -> (APIClient, UUID) {
            let (admin, id) = try await lastPartner(client, "customers")
            _ = try await admin.post("/api/v1/partners/customers/\(id)/release", json: CustomerReleaseInput())
            return (admin, id)
        }
        @Sendable func employeeID(_ api: APIClient, _ name: String) async throws -> UUID {
            try await api.get("/api/v1/org/employees?q=\(name.replacingOccurrences(of: " ", with: "%20"))").decode(Page<EmployeeDTO>.self).items[0].id
        }
        // Two-factor routes use Laura and Robert so that the administrator's sign-in stays one step.
        let laura = "laura.callahan@northwind.example", robert = "robert.king@northwind.example"
        return [
            "POST /api/v1/auth/login": plain("/api/v1/auth/login", #"{"email":"nancy.davolio@northwind.example","password":"afield-demo"}"#),
            "POST /api/v1/auth/register": plain("/api/v1/auth/register",
                                                #"{"companyName":"Walk Co","name":"Walker","email":"walker@example.com","mobile":"13800138000","password":"walk walk walk"}"#),
            "POST /api/v1/auth/logout": plain("/api/v1/auth/logout"),
            "PATCH /api/v1/auth/me": plain("/api/v1/auth/me", #"{"locale":"zh-CN"}"#),
            "POST /api/v1/auth/password": { client, _ in
                (try await client.signedIn("janet.leverling@northwind.example"), "/api/v1/auth/password",
                 #"{"current":"afield-demo","new":"seven green bottles"}"#)
            },
            "DELETE /api/v1/auth/sessions/{id}": { client, _ in
                let caller = try await client.signedIn()
                _ = try await client.signedIn()
                let other = try await caller.get("/api/v1/auth/sessions").decode([SessionInfo].self).first { !$0.current }!
                return (caller, "/api/v1/auth/sessions/\(other.id)", nil)
            },
            "POST /api/v1/auth/totp/setup": { client, _ in (try await client.signedIn(laura), "/api/v1/auth/totp/setup", nil) },
            "POST /api/v1/auth/totp/enable": { client, _ in
                let caller = try await client.signedIn(robert)
                let setup: TOTPSetup = try await caller.send(.POST, "/api/v1/auth/totp/setup").decode()
                return (caller, "/api/v1/auth/totp/enable", #"{"code":"\#(TOTP(secret: Base32.decode(setup.secret)!).code(at: Self.clock.now))"}"#)
            },
            "POST /api/v1/auth/totp/disable": { client, _ in
                let caller = try await client.signedIn("margaret.peacock@northwind.example")
                let setup: TOTPSetup = try await caller.send(.POST, "/api/v1/auth/totp/setup").decode()
                let totp = TOTP(secret: Base32.decode(setup.secret)!)
                _ = try await caller.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: totp.step(at: Self.clock.now) - 1)))
                return (caller, "/api/v1/auth/totp/disable", #"{"code":"\#(totp.code(at: Self.clock.now))"}"#)
            },
            "POST /api/v1/auth/login/verify": { client, _ in
                let user = "michael.suyama@northwind.example"
                let caller = try await client.signedIn(user)
                let setup: TOTPSetup = try await caller.send(.POST, "/api/v1/auth/totp/setup").decode()
                let totp = TOTP(secret: Base32.decode(setup.secret)!)
                _ = try await caller.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: totp.step(at: Self.clock.now) - 1)))
                let first: LoginResponse = try await client.post("/api/v1/auth/login", json: LoginRequest(email: user, password: demoPassword)).decode()
                return (client, "/api/v1/auth/login/verify", #"{"challenge":"\#(first.challenge!)","code":"\#(totp.code(at: Self.clock.now))"}"#)
            },
            "POST /api/v1/auth/users/{id}/unlock": { client, app in
                let anne = try await User.query(on: app.db).filter(\.$email == "anne.dodsworth@northwind.example").first()!
                anne.lockedAt = Date()
                try await anne.save(on: app.db)
                return (try await client.signedIn(), "/api/v1/auth/users/\(anne.id!)/unlock", nil)
            },
            "PATCH /api/v1/partners/customers/{id}": plain("/api/v1/partners/customers/\(customer.id)", #"{"version":1,"phone":"1"}"#),
            "PATCH /api/v1/partners/suppliers/{id}": plain("/api/v1/partners/suppliers/\(supplier.id)", #"{"version":1,"phone":"2"}"#),
            "PATCH /api/v1/partners/carriers/{id}": plain("/api/v1/partners/carriers/\(carrier.id)", #"{"version":1,"phone":"3"}"#),
            "POST /api/v1/partners/customers": plain("/api/v1/partners/customers", #"{"name":"Walk customer"}"#),
            "POST /api/v1/crm/routes": plain("/api/v1/crm/routes", #"{"date":"2026-09-22","customerIds":["\#(customer.id)"]}"#),
            "POST /api/v1/crm/visits": plain("/api/v1/crm/visits", #"{"customerId":"\#(customer.id)","plannedFor":"2026-09-23"}"#),
            "POST /api/v1/crm/visits/exports": plain("/api/v1/crm/visits/exports", #"{"format":"csv","query":""}"#),
            "POST /api/v1/crm/visits/{id}/check-in": { client, _ in
                let (admin, visit) = try await walkVisit(client)
                return (admin, "/api/v1/crm/visits/\(visit.id)/check-in",
                        #"{"latitude":"52.52","longitude":"13.405","deviceTime":"\#(ISO8601DateFormatter().string(from: MutationAuditTests.clock.now))"}"#)
            },
            "POST /api/v1/crm/visits/{id}/check-out": { client, _ in
                let (admin, visit) = try await walkVisit(client, checkedIn: true)
                return (admin, "/api/v1/crm/visits/\(visit.id)/check-out",
                        #"{"summary":"walked","deviceTime":"\#(ISO8601DateFormatter().string(from: MutationAuditTests.clock.now))"}"#)
            },
            "POST /api/v1/crm/visits/{id}/cancel": { client, _ in
                let (admin, visit) = try await walkVisit(client)
                return (admin, "/api/v1/crm/visits/\(visit.id)/cancel", nil)
            },
            "POST /api/v1/crm/follow-ups": plain("/api/v1/crm/follow-ups", #"{"customerId":"\#(customer.id)","kind":"call","notes":"walk"}"#),
            "POST /api/v1/crm/leads": plain("/api/v1/crm/leads", #"{"company":"Walk Leads Ltd"}"#),
            "POST /api/v1/crm/leads/exports": plain("/api/v1/crm/leads/exports", #"{"format":"csv","query":""}"#),
            "POST /api/v1/crm/leads/import": plain("/api/v1/crm/leads/import", "company\nWalk Import Ltd\n"),
            "PATCH /api/v1/crm/leads/{id}": { client, _ in
                let (admin, lead) = try await walkLead(client)
                return (admin, "/api/v1/crm/leads/\(lead.id)", #"{"version":\#(lead.version),"notes":"walk"}"#)
            },
            "POST /api/v1/crm/leads/{id}/invalidate": { client, _ in
                let (admin, lead) = try await walkLead(client)
                return (admin, "/api/v1/crm/leads/\(lead.id)/invalidate", #"{"version":\#(lead.version),"reason":"walk"}"#)
            },
            "POST /api/v1/crm/leads/{id}/convert": { client, _ in
                let (admin, lead) = try await walkLead(client)
                return (admin, "/api/v1/crm/leads/\(lead.id)/convert", #"{"version":\#(lead.version),"opportunityName":"Walk"}"#)
            },
            "POST /api/v1/crm/stages": plain("/api/v1/crm/stages", #"{"name":"Walk stage","probability":40}"#),
            "PATCH /api/v1/crm/stages/{id}": { client, _ in
                let admin = try await client.signedIn()
                let stage = try await admin.get("/api/v1/crm/stages").decode([StageDTO].self)[0]
                return (admin, "/api/v1/crm/stages/\(stage.id)", #"{"version":\#(stage.version),"probability":15}"#)
            },
            "POST /api/v1/crm/opportunities": plain("/api/v1/crm/opportunities", #"{"name":"Walk deal","customerId":"\#(customer.id)","amount":"10.00"}"#),
            "POST /api/v1/crm/opportunities/exports": plain("/api/v1/crm/opportunities/exports", #"{"format":"csv","query":""}"#),
            "PATCH /api/v1/crm/opportunities/{id}": { client, _ in
                let (admin, opportunity) = try await walkOpportunity(client)
                return (admin, "/api/v1/crm/opportunities/\(opportunity.id)", #"{"version":\#(opportunity.version),"name":"Walk deal 2"}"#)
            },
            "POST /api/v1/crm/opportunities/{id}/move": { client, _ in
                let (admin, opportunity) = try await walkOpportunity(client)
                let stage = try await admin.get("/api/v1/crm/stages").decode([StageDTO].self).first { $0.kind == "lost" }!
                return (admin, "/api/v1/crm/opportunities/\(opportunity.id)/move", #"{"version":\#(opportunity.version),"stageId":"\#(stage.id)","lostReason":"walk"}"#)
            },
            "POST /api/v1/crm/opportunities/{id}/order": { client, _ in
                let (admin, opportunity) = try await walkOpportunity(client)
                let won = try await admin.get("/api/v1/crm/stages").decode([StageDTO].self).first { $0.kind == "won" }!
                _ = try await admin.post("/api/v1/crm/opportunities/\(opportunity.id)/move", json: OpportunityMoveInput(version: opportunity.version, stageId: won.id))
                return (admin, "/api/v1/crm/opportunities/\(opportunity.id)/order", nil)
            },
            "POST /api/v1/partners/customers/{id}/collaborators": { client, _ in
                let admin = try await client.signedIn()
                return (admin, "/api/v1/partners/customers/\(customer.id)/collaborators", #"{"employeeId":"\#(try await employeeID(admin, "Janet Leverling"))"}"#)
            },
            "DELETE /api/v1/partners/customers/{id}/collaborators/{employeeId}": { client, _ in
                let admin = try await client.signedIn()
                let janet = try await employeeID(admin, "Janet Leverling")
                _ = try await admin.post("/api/v1/partners/customers/\(customer.id)/collaborators", json: CollaboratorInput(employeeId: janet))
                return (admin, "/api/v1/partners/customers/\(customer.id)/collaborators/\(janet)", nil)
            },
            "POST /api/v1/partners/customers/{id}/contacts": plain("/api/v1/partners/customers/\(customer.id)/contacts", #"{"name":"Walk Contact","role":"finance"}"#),
            "PATCH /api/v1/partners/customers/{id}/contacts/{contactId}": { client, _ in
                let admin = try await client.signedIn()
                let contact: ContactDTO = try await admin.post("/api/v1/partners/customers/\(customer.id)/contacts", json: ContactInput(name: "Walk Two")).decode()
                return (admin, "/api/v1/partners/customers/\(customer.id)/contacts/\(contact.id)", #"{"version":\#(contact.version),"birthday":"1980-05-04"}"#)
            },
            "DELETE /api/v1/partners/customers/{id}/contacts/{contactId}": { client, _ in
                let admin = try await client.signedIn()
                let contact: ContactDTO = try await admin.post("/api/v1/partners/customers/\(customer.id)/contacts", json: ContactInput(name: "Walk Three")).decode()
                return (admin, "/api/v1/partners/customers/\(customer.id)/contacts/\(contact.id)", nil)
            },
            "POST /api/v1/crm/contracts": plain("/api/v1/crm/contracts",
                                                #"{"title":"Walk","customerId":"\#(customer.id)","amount":"10.00","startsOn":"2026-01-01","endsOn":"2026-06-30"}"#),
            "POST /api/v1/crm/contracts/exports": plain("/api/v1/crm/contracts/exports", #"{"format":"csv","query":""}"#),
            "PATCH /api/v1/crm/contracts/{id}": { client, _ in
                let (nancy, contract) = try await walkContract(client)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)", #"{"version":\#(contract.version),"title":"Walk 2"}"#)
            },
            "POST /api/v1/crm/contracts/{id}/submit": { client, _ in
                let (nancy, contract) = try await walkContract(client)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)/submit", #"{"version":\#(contract.version)}"#)
            },
            "POST /api/v1/crm/contracts/{id}/withdraw": { client, _ in
                let (nancy, contract) = try await walkContract(client, submitted: true)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)/withdraw", #"{"version":\#(contract.version)}"#)
            },
            "POST /api/v1/crm/contracts/{id}/cancel": { client, _ in
                let (nancy, contract) = try await walkContract(client)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)/cancel", #"{"version":\#(contract.version)}"#)
            },
            "POST /api/v1/crm/contracts/{id}/terminate": { client, _ in
                let (nancy, contract) = try await walkContract(client, active: true)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)/terminate", #"{"version":\#(contract.version),"reason":"walk"}"#)
            },
            "POST /api/v1/crm/contracts/{id}/renew": { client, _ in
                let (nancy, contract) = try await walkContract(client, active: true)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)/renew", nil)
            },
            "POST /api/v1/crm/contracts/{id}/receipts": { client, _ in
                let (nancy, contract) = try await walkContract(client, active: true)
                return (nancy, "/api/v1/crm/contracts/\(contract.id)/receipts", #"{"receivedOn":"2026-01-05","amount":"10.00"}"#)
            },
            "POST /api/v1/partners/customers/transfer": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers")
                return (admin, "/api/v1/partners/customers/transfer", #"{"ids":["\#(id)"],"toEmployeeId":"\#(try await employeeID(admin, "Janet Leverling"))"}"#)
            },
            "POST /api/v1/partners/customers/bulk/transfer": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers")
                return (admin, "/api/v1/partners/customers/bulk/transfer", #"{"ids":["\#(id)"],"value":"\#(try await employeeID(admin, "Janet Leverling"))"}"#)
            },
            "POST /api/v1/partners/customers/{id}/release": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers")
                return (admin, "/api/v1/partners/customers/\(id)/release", #"{"reason":"walk"}"#)
            },
            "POST /api/v1/partners/pool/exports": plain("/api/v1/partners/pool/exports", #"{"format":"csv","query":"sort=name"}"#),
            "PUT /api/v1/partners/pool/rules": plain("/api/v1/partners/pool/rules", #"{"idleDays":20,"maxOwned":200,"dailyClaims":5,"reclaimDays":7,"version":0}"#),
            "POST /api/v1/partners/pool/{id}/claim": { client, _ in
                let (_, id) = try await pooled(client)
                return (try await client.signedIn("nancy.davolio@northwind.example"), "/api/v1/partners/pool/\(id)/claim", nil)
            },
            "POST /api/v1/partners/pool/bulk/claim": { client, _ in
                let (_, id) = try await pooled(client)
                return (try await client.signedIn("nancy.davolio@northwind.example"), "/api/v1/partners/pool/bulk/claim", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/pool/bulk/assign": { client, _ in
                let (admin, id) = try await pooled(client)
                return (admin, "/api/v1/partners/pool/bulk/assign", #"{"ids":["\#(id)"],"value":"\#(try await employeeID(admin, "Janet Leverling"))"}"#)
            },
            "POST /api/v1/partners/customers/exports": plain("/api/v1/partners/customers/exports", #"{"format":"csv","query":"sort=-name"}"#),
            "POST /api/v1/partners/customers/{id}/archive": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers")
                return (admin, "/api/v1/partners/customers/\(id)/archive", nil)
            },
            "POST /api/v1/partners/customers/{id}/unarchive": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers", archived: true)
                return (admin, "/api/v1/partners/customers/\(id)/unarchive", nil)
            },
            "POST /api/v1/partners/customers/bulk/archive": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers")
                return (admin, "/api/v1/partners/customers/bulk/archive", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/customers/bulk/unarchive": { client, _ in
                let (admin, id) = try await lastPartner(client, "customers", archived: true)
                return (admin, "/api/v1/partners/customers/bulk/unarchive", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/suppliers/exports": plain("/api/v1/partners/suppliers/exports", #"{"format":"csv","query":"sort=-name"}"#),
            "POST /api/v1/partners/suppliers/{id}/archive": { client, _ in
                let (admin, id) = try await lastPartner(client, "suppliers")
                return (admin, "/api/v1/partners/suppliers/\(id)/archive", nil)
            },
            "POST /api/v1/partners/suppliers/{id}/unarchive": { client, _ in
                let (admin, id) = try await lastPartner(client, "suppliers", archived: true)
                return (admin, "/api/v1/partners/suppliers/\(id)/unarchive", nil)
            },
            "POST /api/v1/partners/suppliers/bulk/archive": { client, _ in
                let (admin, id) = try await lastPartner(client, "suppliers")
                return (admin, "/api/v1/partners/suppliers/bulk/archive", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/suppliers/bulk/unarchive": { client, _ in
                let (admin, id) = try await lastPartner(client, "suppliers", archived: true)
                return (admin, "/api/v1/partners/suppliers/bulk/unarchive", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/carriers/exports": plain("/api/v1/partners/carriers/exports", #"{"format":"csv","query":"sort=-name"}"#),
            "POST /api/v1/partners/carriers/{id}/archive": { client, _ in
                let (admin, id) = try await lastPartner(client, "carriers")
                return (admin, "/api/v1/partners/carriers/\(id)/archive", nil)
            },
            "POST /api/v1/partners/carriers/{id}/unarchive": { client, _ in
                let (admin, id) = try await lastPartner(client, "carriers", archived: true)
                return (admin, "/api/v1/partners/carriers/\(id)/unarchive", nil)
            },
            "POST /api/v1/partners/carriers/bulk/archive": { client, _ in
                let (admin, id) = try await lastPartner(client, "carriers")
                return (admin, "/api/v1/partners/carriers/bulk/archive", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/carriers/bulk/unarchive": { client, _ in
                let (admin, id) = try await lastPartner(client, "carriers", archived: true)
                return (admin, "/api/v1/partners/carriers/bulk/unarchive", #"{"ids":["\#(id)"]}"#)
            },
            "POST /api/v1/partners/suppliers": plain("/api/v1/partners/suppliers", #"{"name":"Walk supplier"}"#),
            "POST /api/v1/partners/carriers": plain("/api/v1/partners/carriers", #"{"name":"Walk carrier"}"#),
            "POST /api/v1/sales/orders": plain("/api/v1/sales/orders", orderJSON),
            "PUT /api/v1/lists/{key}/columns": plain("/api/v1/lists/sales.orders/columns", #"{"columns":["number","total"]}"#),
            "POST /api/v1/lists/{key}/filters": plain("/api/v1/lists/sales.orders/filters", #"{"name":"Walk","query":"state=draft"}"#),
            "DELETE /api/v1/lists/{key}/filters/{id}": { client, _ in
                let admin = try await client.signedIn()
                let saved: SavedListFilterDTO = try await admin.post("/api/v1/lists/sales.orders/filters",
                                                                    json: SavedListFilterInput(name: "Walk away", query: "")).decode()
                return (admin, "/api/v1/lists/sales.orders/filters/\(saved.id)", nil)
            },
            "POST /api/v1/sales/orders/exports": plain("/api/v1/sales/orders/exports", #"{"format":"csv","query":"state=draft"}"#),
            "POST /api/v1/audit/entries/exports": plain("/api/v1/audit/entries/exports", #"{"format":"xlsx","query":"source=web"}"#),
            "POST /api/v1/auth/users/exports": plain("/api/v1/auth/users/exports", #"{"format":"csv","query":"active=true"}"#),
            "POST /api/v1/products/products/exports": plain("/api/v1/products/products/exports", #"{"format":"xlsx","query":""}"#),
            "POST /api/v1/sales/orders/bulk/assign-salesperson": { client, _ in
                let admin = try await client.signedIn()
                let order: OrderDetail = try await admin.post("/api/v1/sales/orders", json: input).decode()
                let people: AfieldAPI.Page<SalespersonDTO> = try await admin.get("/api/v1/sales/salespeople?limit=200").decode()
                let other = people.items.first { $0.id != order.order.salespersonId }!
                return (admin, "/api/v1/sales/orders/bulk/assign-salesperson", #"{"ids":["\#(order.order.id)"],"value":"\#(other.id)"}"#)
            },
            "POST /api/v1/auth/users": plain("/api/v1/auth/users", #"{"name":"Walk User","email":"walk.user@northwind.example","roles":["sales"]}"#),
            "PATCH /api/v1/auth/users/{id}": { client, app in
                let anne = try await User.query(on: app.db).filter(\.$email == "anne.dodsworth@northwind.example").first()!
                return (try await client.signedIn(), "/api/v1/auth/users/\(anne.id!)", #"{"version":\#(anne.version),"name":"Anne D."}"#)
            },
            "POST /api/v1/auth/roles": plain("/api/v1/auth/roles", #"{"name":"Walk role","permissions":["sales.order.read"]}"#),
            "PATCH /api/v1/auth/roles/{id}": { client, _ in
                let caller = try await client.signedIn()
                let sales = try await caller.get("/api/v1/auth/roles").decode([RoleDTO].self).first { $0.key == "sales" }!
                return (caller, "/api/v1/auth/roles/\(sales.id)", #"{"version":\#(sales.version),"requireTwoFactor":false,"description":"Field sales"}"#)
            },
            // Only the magic bytes are checked: a WebP header is plain ASCII, so it fits a text body.
            "PUT /api/v1/auth/me/avatar": plain("/api/v1/auth/me/avatar", "RIFF0000WEBPVP8 walk"),
            "DELETE /api/v1/auth/me/avatar": { client, _ in
                let caller = try await client.signedIn("steven.buchanan@northwind.example")
                _ = try await caller.send(.PUT, "/api/v1/auth/me/avatar", raw: "RIFF0000WEBPVP8 walk")
                return (caller, "/api/v1/auth/me/avatar", nil)
            },
            "POST /api/v1/auth/invitations": plain("/api/v1/auth/invitations", #"{"email":"invitee@northwind.example","roles":["sales"]}"#),
            "DELETE /api/v1/auth/invitations/{id}": { client, _ in
                let caller = try await client.signedIn()
                let made: NewInvitationResponse = try await caller.post("/api/v1/auth/invitations",
                                                                        json: NewInvitationRequest(email: "revoked@northwind.example", roles: ["sales"])).decode()
                return (caller, "/api/v1/auth/invitations/\(made.invitation.id)", nil)
            },
            "POST /api/v1/auth/invitations/accept": { client, _ in
                let made: NewInvitationResponse = try await client.signedIn().post(
                    "/api/v1/auth/invitations", json: NewInvitationRequest(email: "accepted@northwind.example", roles: ["sales"])).decode()
                return (client, "/api/v1/auth/invitations/accept", #"{"code":"\#(made.code)","name":"Accepted","password":"lotus pond morning"}"#)
            },
            "PATCH /api/v1/auth/tenant": plain("/api/v1/auth/tenant", #"{"version":1,"fiscalYearStartMonth":4}"#),
            "POST /api/v1/auth/tokens": plain("/api/v1/auth/tokens", #"{"name":"walk","permissions":["sales.order.read"]}"#),
            "POST /api/v1/org/departments": plain("/api/v1/org/departments", #"{"name":"Walk department"}"#),
            "PATCH /api/v1/org/departments/{id}": { client, _ in
                let caller = try await client.signedIn()
                let first = try await caller.get("/api/v1/org/departments").decode([DepartmentDTO].self).first { $0.name == "Sales UK" }!
                return (caller, "/api/v1/org/departments/\(first.id)", #"{"version":\#(first.version),"name":"Sales United Kingdom"}"#)
            },
            "POST /api/v1/sales/orders/{id}/confirm": plain("/api/v1/sales/orders/\(draft.order.id)/confirm"),
            "PATCH /api/v1/org/employees/{id}": { client, _ in
                let caller = try await client.signedIn()
                let robert = try await caller.get("/api/v1/org/employees?q=Robert%20King").decode(Page<EmployeeDTO>.self).items[0]
                return (caller, "/api/v1/org/employees/\(robert.id)",
                        #"{"version":\#(robert.version!),"title":"Senior Sales Representative","nationalId":"AB123456C"}"#)
            },
            "POST /api/v1/org/positions": plain("/api/v1/org/positions", #"{"name":"Walk position"}"#),
            "PATCH /api/v1/org/positions/{id}": { client, _ in
                let caller = try await client.signedIn()
                let first = try await caller.get("/api/v1/org/positions").decode([PositionDTO].self).first { $0.name == "Sales Manager" }!
                return (caller, "/api/v1/org/positions/\(first.id)", #"{"version":\#(first.version),"name":"Sales Team Manager"}"#)
            },
            // Attendance: each sample makes what it needs; the shift group holds the administrator.
            "POST /api/v1/attendance/calendars": plain("/api/v1/attendance/calendars", #"{"name":"Walk calendar"}"#),
            "PATCH /api/v1/attendance/calendars/{id}": { client, _ in
                let caller = try await client.signedIn()
                let calendar = try await Self.walkCalendar(caller, "Walk calendar A")
                return (caller, "/api/v1/attendance/calendars/\(calendar.id)", #"{"version":\#(calendar.version),"restWeekdays":[7]}"#)
            },
            "POST /api/v1/attendance/calendars/{id}/import-cn": { client, _ in
                let caller = try await client.signedIn()
                let calendar = try await Self.walkCalendar(caller, "Walk calendar B")
                return (caller, "/api/v1/attendance/calendars/\(calendar.id)/import-cn",
                        #"{"year":2025,"days":[{"name":"元旦","date":"2025-01-01","isOffDay":true}]}"#)
            },
            "POST /api/v1/attendance/groups": plain("/api/v1/attendance/groups",
                                                    #"{"name":"Walk group","schedule":{"kind":"fixed","weekdays":[{"weekday":1,"start":"09:00","end":"18:00"}]}}"#),
            "PATCH /api/v1/attendance/groups/{id}": { client, _ in
                let caller = try await client.signedIn()
                let group = try await Self.walkShifts(caller)
                return (caller, "/api/v1/attendance/groups/\(group.id)", #"{"version":\#(group.version),"graceLateMinutes":5}"#)
            },
            "PUT /api/v1/attendance/groups/{id}/roster": { client, _ in
                let caller = try await client.signedIn()
                let group = try await Self.walkShifts(caller)
                let me = try await caller.get("/api/v1/auth/me").decode(Me.self).employeeId!
                return (caller, "/api/v1/attendance/groups/\(group.id)/roster", #"{"entries":[{"employeeID":"\#(me)","date":"2026-09-22","shift":"D"}]}"#)
            },
            "POST /api/v1/attendance/corrections": { client, _ in
                let caller = try await client.signedIn()
                _ = try await Self.walkShifts(caller)
                return (caller, "/api/v1/attendance/corrections", #"{"date":"2026-09-18","time":"09:00","reason":"Walk"}"#)
            },
            "POST /api/v1/attendance/punches": { client, _ in
                let caller = try await client.signedIn()
                _ = try await Self.walkShifts(caller)
                return (caller, "/api/v1/attendance/punches",
                        #"{"latitude":"31.2304","longitude":"121.4737","deviceTime":"\#(Self.clock.now.formatted(.iso8601))","note":"Walk"}"#)
            },
            // Leave: the administrator asks for a day of personal leave (no flow: approved at once).
            "POST /api/v1/leave/requests": { client, _ in
                let caller = try await client.signedIn()
                try await Self.rosteredDays(caller)
                return (caller, "/api/v1/leave/requests", #"{"type":"personal","startDate":"2026-12-07","endDate":"2026-12-07"}"#)
            },
            "POST /api/v1/leave/requests/{id}/cancel": { client, _ in
                let caller = try await client.signedIn()
                try await Self.rosteredDays(caller)
                let request: LeaveRequestDTO = try await caller.post("/api/v1/leave/requests", json: LeaveRequestInput(
                    type: "personal", startDate: "2026-12-14", endDate: "2026-12-14")).decode()
                return (caller, "/api/v1/leave/requests/\(request.id)/cancel", #"{"version":\#(request.version)}"#)
            },
            "POST /api/v1/leave/accruals": plain("/api/v1/leave/accruals", #"{"year":2026}"#),
            "PATCH /api/v1/leave/profiles/{id}": { client, _ in
                let caller = try await client.signedIn()
                let me = try await caller.get("/api/v1/auth/me").decode(Me.self).employeeId!
                return (caller, "/api/v1/leave/profiles/\(me)", #"{"workStartDate":"1990-09-01"}"#)
            },
            // Projects: the administrator's own project and tasks.
            "POST /api/v1/projects/tasks": plain("/api/v1/projects/tasks", #"{"title":"Walk task"}"#),
            "POST /api/v1/projects/tasks/exports": plain("/api/v1/projects/tasks/exports", #"{"format":"csv","query":""}"#),
            "PATCH /api/v1/projects/tasks/{id}": { client, _ in
                let (admin, task) = try await walkTask(client)
                return (admin, "/api/v1/projects/tasks/\(task.id)", #"{"version":\#(task.version),"title":"Walk 2"}"#)
            },
            "POST /api/v1/projects/tasks/{id}/status": { client, _ in
                let (admin, task) = try await walkTask(client)
                return (admin, "/api/v1/projects/tasks/\(task.id)/status", #"{"status":"in_progress"}"#)
            },
            "POST /api/v1/projects/tasks/bulk/assign": { client, _ in
                let (admin, task) = try await walkTask(client)
                return (admin, "/api/v1/projects/tasks/bulk/assign", #"{"ids":["\#(task.id)"],"value":"\#(try await employeeID(admin, "Janet Leverling"))"}"#)
            },
            "POST /api/v1/projects/tasks/bulk/move": { client, _ in
                let (admin, task) = try await walkTask(client)
                return (admin, "/api/v1/projects/tasks/bulk/move", #"{"ids":["\#(task.id)"],"value":"in_progress"}"#)
            },
            "POST /api/v1/projects/tasks/bulk/close": { client, _ in
                let (admin, task) = try await walkTask(client)
                return (admin, "/api/v1/projects/tasks/bulk/close", #"{"ids":["\#(task.id)"]}"#)
            },
            "POST /api/v1/projects/tasks/import": { client, _ in
                let admin = try await client.signedIn()
                let file = try await admin.send(.POST, "/api/v1/files", bytes: Data("title\nWalk import\n".utf8), contentType: "text/csv",
                                                headers: [("X-File-Name", "walk.csv")]).decode(FileRef.self)
                return (admin, "/api/v1/projects/tasks/import", #"{"fileId":"\#(file.id)"}"#)
            },
            "POST /api/v1/projects/task-statuses": plain("/api/v1/projects/task-statuses", #"{"key":"walk_review","name":"Walk review","category":"in_progress"}"#),
            "PATCH /api/v1/projects/task-statuses/{key}": { client, _ in
                let admin = try await client.signedIn()
                _ = try await admin.post("/api/v1/projects/task-statuses", json: TaskStatusDefinitionInput(key: "walk_check", name: "Walk check", category: "in_progress"))
                return (admin, "/api/v1/projects/task-statuses/walk_check", #"{"name":"Walk checked"}"#)
            },
            "POST /api/v1/projects/timesheet-entries": { client, _ in
                let (admin, task) = try await walkTask(client)
                return (admin, "/api/v1/projects/timesheet-entries", #"{"day":"2026-09-21","hours":"1.5","taskId":"\#(task.id)"}"#)
            },
            "PATCH /api/v1/projects/timesheet-entries/{id}": { client, _ in
                let (admin, entry) = try await walkEntry(client)
                return (admin, "/api/v1/projects/timesheet-entries/\(entry.id)", #"{"version":\#(entry.version),"hours":"2"}"#)
            },
            "DELETE /api/v1/projects/timesheet-entries/{id}": { client, _ in
                let (admin, entry) = try await walkEntry(client)
                return (admin, "/api/v1/projects/timesheet-entries/\(entry.id)", nil)
            },
            "POST /api/v1/projects/timesheets/{id}/submit": { client, _ in
                let (admin, entry) = try await walkEntry(client, day: "2026-09-08")
                let sheet = try await admin.get("/api/v1/projects/timesheets/mine?week=\(entry.day)").decode(TimesheetDTO.self)
                return (admin, "/api/v1/projects/timesheets/\(sheet.id!)/submit", #"{"version":\#(sheet.version)}"#)
            },
            "POST /api/v1/projects/timesheets/{id}/withdraw": { client, _ in
                // Nancy's week waits for Andrew, her manager (the administrator has none, so his would be approved at once).
                let nancy = try await client.signedIn("nancy.davolio@northwind.example")
                let task: TaskDTO = try await nancy.post("/api/v1/projects/tasks", json: TaskInput(title: "Walk task")).decode()
                let sheet: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheet-entries",
                                                               json: TimesheetEntryInput(day: "2026-09-01", hours: "1", taskId: task.id)).decode()
                let submitted: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheets/\(sheet.id!)/submit",
                                                                   json: TimesheetActionInput(version: sheet.version)).decode()
                return (nancy, "/api/v1/projects/timesheets/\(sheet.id!)/withdraw", #"{"version":\#(submitted.version)}"#)
            },
            "POST /api/v1/projects/projects": plain("/api/v1/projects/projects", #"{"name":"Walk project","startsOn":"2026-09-01","endsOn":"2026-12-31"}"#),
            "POST /api/v1/projects/projects/exports": plain("/api/v1/projects/projects/exports", #"{"format":"csv","query":""}"#),
            "PATCH /api/v1/projects/projects/{id}": { client, _ in
                let (admin, project) = try await walkProject(client)
                return (admin, "/api/v1/projects/projects/\(project.id)", #"{"version":\#(project.version),"name":"Walk project 2"}"#)
            },
            "POST /api/v1/projects/projects/{id}/log": { client, _ in
                let (admin, project) = try await walkProject(client)
                return (admin, "/api/v1/projects/projects/\(project.id)/log", #"{"kind":"risk","title":"Walk risk"}"#)
            },
            "PATCH /api/v1/projects/projects/{id}/log/{entryId}": { client, _ in
                let (admin, project) = try await walkProject(client)
                let entry: ProjectLogEntryDTO = try await admin.post("/api/v1/projects/projects/\(project.id)/log",
                                                                     json: ProjectLogInput(kind: "issue", title: "Walk issue")).decode()
                return (admin, "/api/v1/projects/projects/\(project.id)/log/\(entry.id)", #"{"version":1,"state":"closed"}"#)
            },
            "POST /api/v1/projects/projects/{id}/documents": { client, _ in
                let (admin, project) = try await walkProject(client)
                let file = try await admin.send(.POST, "/api/v1/files", bytes: Data("walk".utf8), contentType: "text/plain",
                                                headers: [("X-File-Name", "walk.txt")]).decode(FileRef.self)
                return (admin, "/api/v1/projects/projects/\(project.id)/documents", #"{"fileId":"\#(file.id)"}"#)
            },
            "PUT /api/v1/projects/projects/{id}/phases": { client, _ in
                let (admin, project) = try await walkProject(client)
                return (admin, "/api/v1/projects/projects/\(project.id)/phases", #"{"phases":[{"name":"Design"}]}"#)
            },
            "POST /api/v1/projects/projects/{id}/milestones": { client, _ in
                let (admin, project) = try await walkProject(client)
                return (admin, "/api/v1/projects/projects/\(project.id)/milestones", #"{"name":"Walk milestone","dueOn":"2026-10-01"}"#)
            },
            "PATCH /api/v1/projects/projects/{id}/milestones/{milestoneId}": { client, _ in
                let (admin, project) = try await walkProject(client)
                let milestone: MilestoneDTO = try await admin.post("/api/v1/projects/projects/\(project.id)/milestones",
                                                                   json: MilestoneInput(name: "Walk milestone", dueOn: "2026-10-01")).decode()
                return (admin, "/api/v1/projects/projects/\(project.id)/milestones/\(milestone.id)", #"{"version":1,"doneOn":"2026-09-21"}"#)
            },
            "DELETE /api/v1/projects/projects/{id}/milestones/{milestoneId}": { client, _ in
                let (admin, project) = try await walkProject(client)
                let milestone: MilestoneDTO = try await admin.post("/api/v1/projects/projects/\(project.id)/milestones",
                                                                   json: MilestoneInput(name: "Walk milestone", dueOn: "2026-10-01")).decode()
                return (admin, "/api/v1/projects/projects/\(project.id)/milestones/\(milestone.id)", nil)
            },
            // Expenses: the administrator claims on the company's own categories.
            "POST /api/v1/expenses/categories": plain("/api/v1/expenses/categories", #"{"name":"Walk category"}"#),
            "PATCH /api/v1/expenses/categories/{id}": { client, _ in
                let caller = try await client.signedIn()
                let category = try await caller.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self).first { $0.key == "hotel" }!
                return (caller, "/api/v1/expenses/categories/\(category.id)", #"{"version":\#(category.version),"limits":{"1":"600.00"}}"#)
            },
            "POST /api/v1/expenses/items": { client, _ in
                let caller = try await client.signedIn()
                let category = try await caller.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self)[0]
                return (caller, "/api/v1/expenses/items", #"{"name":"Walk item","defaultCategoryID":"\#(category.id)"}"#)
            },
            "POST /api/v1/expenses/budgets": { client, _ in
                let caller = try await client.signedIn()
                let category = try await caller.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self).first { $0.key == "meals" }!
                let department = try await caller.get("/api/v1/org/departments").decode([DepartmentDTO].self)[0]
                return (caller, "/api/v1/expenses/budgets",
                        #"{"departmentID":"\#(department.id)","categoryID":"\#(category.id)","month":"2026-04","amount":"500.00","action":"warn"}"#)
            },
            "PATCH /api/v1/expenses/budgets/{id}": { client, _ in
                let caller = try await client.signedIn()
                let category = try await caller.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self).first { $0.key == "other" }!
                let department = try await caller.get("/api/v1/org/departments").decode([DepartmentDTO].self)[0]
                let budget: ExpenseBudgetDTO = try await caller.post("/api/v1/expenses/budgets", json: ExpenseBudgetInput(
                    departmentID: department.id, categoryID: category.id, month: "2026-05", amount: "100.00", action: "warn")).decode()
                return (caller, "/api/v1/expenses/budgets/\(budget.id)", #"{"version":\#(budget.version),"amount":"200.00"}"#)
            },
            "POST /api/v1/expenses/receipts": plain("/api/v1/expenses/receipts", "%PDF-1.7 walk"),
            "POST /api/v1/expenses/claims": { client, _ in
                let caller = try await client.signedIn()
                let category = try await caller.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self)[0]
                return (caller, "/api/v1/expenses/claims", #"{"title":"Walk","lines":[{"date":"2026-09-01","categoryID":"\#(category.id)","amount":"12.50"}]}"#)
            },
            "PATCH /api/v1/expenses/claims/{id}": { client, _ in
                let (caller, claim) = try await Self.walkClaim(client)
                return (caller, "/api/v1/expenses/claims/\(claim.id)", #"{"version":\#(claim.version),"title":"Walk taxi"}"#)
            },
            "POST /api/v1/expenses/claims/{id}/submit": { client, _ in
                let (caller, claim) = try await Self.walkClaim(client)
                return (caller, "/api/v1/expenses/claims/\(claim.id)/submit", #"{"version":\#(claim.version)}"#)
            },
            "POST /api/v1/expenses/claims/{id}/pay": { client, _ in
                let (caller, claim) = try await Self.walkClaim(client)
                let submitted: ExpenseClaimDTO = try await caller.post("/api/v1/expenses/claims/\(claim.id)/submit", json: ExpenseClaimAction(version: claim.version)).decode()
                return (caller, "/api/v1/expenses/claims/\(claim.id)/pay", #"{"version":\#(submitted.version)}"#)
            },
            // Advances: the administrator's own, approved as his claims are.
            "POST /api/v1/expenses/advances": plain("/api/v1/expenses/advances", #"{"amount":"300.00","purpose":"Walk fair"}"#),
            "POST /api/v1/expenses/advances/{id}/pay": { client, _ in
                let caller = try await client.signedIn()
                let advance: ExpenseAdvanceDTO = try await caller.post("/api/v1/expenses/advances", json: ExpenseAdvanceInput(amount: "300.00", purpose: "Walk")).decode()
                return (caller, "/api/v1/expenses/advances/\(advance.id)/pay", #"{"version":\#(advance.version)}"#)
            },
            "POST /api/v1/expenses/advances/{id}/return": { client, _ in
                let caller = try await client.signedIn()
                let advance: ExpenseAdvanceDTO = try await caller.post("/api/v1/expenses/advances", json: ExpenseAdvanceInput(amount: "300.00", purpose: "Walk")).decode()
                let paid: ExpenseAdvanceDTO = try await caller.post("/api/v1/expenses/advances/\(advance.id)/pay", json: ExpenseAdvanceAction(version: advance.version)).decode()
                return (caller, "/api/v1/expenses/advances/\(advance.id)/return", #"{"version":\#(paid.version),"amount":"100.00"}"#)
            },
            "POST /api/v1/org/sites": plain("/api/v1/org/sites", #"{"name":"Walk site","latitude":"31.2304","longitude":"121.4737"}"#),
            "PATCH /api/v1/org/sites/{id}": { client, _ in
                let caller = try await client.signedIn()
                let first = try await caller.get("/api/v1/org/sites").decode([SiteDTO].self).first { $0.name == "London" }!
                return (caller, "/api/v1/org/sites/\(first.id)", #"{"version":\#(first.version),"address":"14 Garrett Hill, London"}"#)
            },
            // Approvals: the flows sample runs first (its routes come first) and makes the flow the others use.
            "POST /api/v1/approvals/flows": plain("/api/v1/approvals/flows", flowJSON),
            "PUT /api/v1/approvals/flows/{id}": { client, _ in
                let caller = try await client.signedIn()
                _ = try await pending(client)
                let flow = try await caller.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).first { $0.subject == "sales.order" }!
                return (caller, "/api/v1/approvals/flows/\(flow.id)", String(flowJSON.dropLast()) + #","version":\#(flow.version)}"#)
            },
            "POST /api/v1/approvals/tasks/{id}/approve": { client, _ in
                let (_, task, nancy) = try await pending(client)
                return (nancy, "/api/v1/approvals/tasks/\(task)/approve", #"{"comment":"fine"}"#)
            },
            "POST /api/v1/approvals/tasks/{id}/reject": { client, _ in
                let (_, task, nancy) = try await pending(client)
                return (nancy, "/api/v1/approvals/tasks/\(task)/reject", #"{"comment":"no"}"#)
            },
            "POST /api/v1/approvals/tasks/{id}/return": { client, _ in
                let (_, task, nancy) = try await pending(client)
                return (nancy, "/api/v1/approvals/tasks/\(task)/return", #"{"comment":"more detail"}"#)
            },
            "POST /api/v1/approvals/tasks/{id}/transfer": { client, _ in
                let (_, task, nancy) = try await pending(client)
                let janet = janetID
                return (nancy, "/api/v1/approvals/tasks/\(task)/transfer", #"{"to":"\#(janet)"}"#)
            },
            "POST /api/v1/approvals/tasks/{id}/add-signer": { client, _ in
                let (_, task, nancy) = try await pending(client)
                let janet = janetID
                return (nancy, "/api/v1/approvals/tasks/\(task)/add-signer", #"{"users":["\#(janet)"],"position":"after"}"#)
            },
            "POST /api/v1/approvals/instances/bulk/approve": { client, _ in
                let (instance, _, nancy) = try await pending(client)
                return (nancy, "/api/v1/approvals/instances/bulk/approve", #"{"ids":["\#(instance)"]}"#)
            },
            "POST /api/v1/approvals/instances/exports": plain("/api/v1/approvals/instances/exports", #"{"format":"csv","query":"box=mine"}"#),
            "POST /api/v1/org/employees/exports": plain("/api/v1/org/employees/exports", #"{"format":"xlsx","query":"sort=-hireDate"}"#),
            "POST /api/v1/approvals/tasks/batch-approve": { client, _ in
                let (_, task, nancy) = try await pending(client)
                return (nancy, "/api/v1/approvals/tasks/batch-approve", #"{"taskIds":["\#(task)"]}"#)
            },
            "POST /api/v1/approvals/instances": { client, _ in
                let (nancy, body) = try await generalRequest(client)
                return (nancy, "/api/v1/approvals/instances", body)
            },
            "PATCH /api/v1/approvals/instances/{id}": { client, _ in
                let (nancy, body) = try await generalRequest(client)
                let made: ApprovalInstanceDTO = try await nancy.send(.POST, "/api/v1/approvals/instances", raw: body).decode()
                return (nancy, "/api/v1/approvals/instances/\(made.summary.id)",
                        #"{"version":\#(made.version),"values":{"title":"Walk again","details":"walking on"}}"#)
            },
            "POST /api/v1/approvals/instances/{id}/withdraw": { client, _ in
                let (instance, _, _) = try await pending(client)
                return (try await client.signedIn(), "/api/v1/approvals/instances/\(instance)/withdraw", #"{}"#)
            },
            "POST /api/v1/approvals/instances/{id}/urge": { client, _ in
                let (instance, _, _) = try await pending(client)
                return (try await client.signedIn(), "/api/v1/approvals/instances/\(instance)/urge", nil)
            },
            "POST /api/v1/approvals/instances/{id}/comment": { client, _ in
                let (instance, _, nancy) = try await pending(client)
                return (nancy, "/api/v1/approvals/instances/\(instance)/comment", #"{"comment":"looking"}"#)
            },
            "POST /api/v1/approvals/instances/{id}/cc": { client, _ in
                let (instance, _, _) = try await pending(client)
                let janet = janetID
                return (try await client.signedIn(), "/api/v1/approvals/instances/\(instance)/cc", #"{"users":["\#(janet)"]}"#)
            },
            "PUT /api/v1/approvals/settings": plain("/api/v1/approvals/settings", #"{"urgeIntervalMinutes":10}"#),
            "POST /api/v1/approvals/delegations": plain("/api/v1/approvals/delegations",
                                                         #"{"userId":"\#(nancyID)","delegateId":"\#(janetID)","startsOn":"2026-12-01","endsOn":"2026-12-05"}"#),
            "DELETE /api/v1/approvals/delegations/{id}": { client, _ in
                let caller = try await client.signedIn()
                let me = try await caller.get("/api/v1/auth/me").decode(Me.self)
                let made: ApprovalDelegationDTO = try await caller.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                    userId: me.id, delegateId: nancyID, startsOn: "2026-12-01", endsOn: "2026-12-05")).decode()
                return (caller, "/api/v1/approvals/delegations/\(made.id!)", nil)
            },
            "POST /api/v1/notifications/{id}/read": { client, app in
                let caller = try await client.signedIn()
                try await Self.notify(app, title: "Walk one")
                let first = try await caller.get("/api/v1/notifications?unread=true").decode(Page<NotificationDTO>.self).items[0]
                return (caller, "/api/v1/notifications/\(first.id)/read", nil)
            },
            "POST /api/v1/notifications/read-all": { client, app in
                try await Self.notify(app, title: "Walk all")
                return (try await client.signedIn(), "/api/v1/notifications/read-all", nil)
            },
            // Sent as text/plain (see `headers`).
            "POST /api/v1/files": plain("/api/v1/files", "walk notes"),
            "POST /api/v1/approvals/forms": plain("/api/v1/approvals/forms",
                                                  #"{"name":"Walk form","schema":{"fields":[{"key":"what","type":"text","label":"What"}]}}"#),
            "PATCH /api/v1/approvals/forms/{id}": { client, _ in
                let caller = try await client.signedIn()
                let form = try await caller.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "general" }!
                return (caller, "/api/v1/approvals/forms/\(form.id)", #"{"version":\#(form.version),"name":"Walk request"}"#)
            },
            "POST /api/v1/approvals/forms/{id}/archive": { client, _ in
                let caller = try await client.signedIn()
                let form = try await caller.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "outing" }!
                return (caller, "/api/v1/approvals/forms/\(form.id)/archive", nil)
            },
            "POST /api/v1/approvals/forms/{id}/restore": { client, _ in
                let caller = try await client.signedIn()
                let form = try await caller.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "overtime" }!
                _ = try await caller.send(.POST, "/api/v1/approvals/forms/\(form.id)/archive")
                return (caller, "/api/v1/approvals/forms/\(form.id)/restore", nil)
            },
            "POST /api/v1/sales/orders/{id}/cancel": { client, _ in
                let caller = try await client.signedIn()
                let other: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                return (caller, "/api/v1/sales/orders/\(other.order.id)/cancel", #"{"version":\#(other.order.version)}"#)
            },
            "PATCH /api/v1/sales/orders/{id}": { client, _ in
                let caller = try await client.signedIn()
                let other: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                return (caller, "/api/v1/sales/orders/\(other.order.id)", #"{"version":1,"notes":"Walked"}"#)
            },
            // The chatter of records (issue 9 point 2): each sample on an order of its own, so none depends on another's order.
            "POST /api/v1/records/{entity}/{id}/comments": plain("/api/v1/records/sales.order/\(draft.order.id)/comments", #"{"text":"Walk comment"}"#),
            "PATCH /api/v1/records/{entity}/{id}/comments/{commentId}": { client, _ in
                let caller = try await client.signedIn()
                let order: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                let comment: RecordCommentDTO = try await caller.post("/api/v1/records/sales.order/\(order.order.id)/comments",
                                                                      json: RecordCommentInput(text: "Walk")).decode()
                return (caller, "/api/v1/records/sales.order/\(order.order.id)/comments/\(comment.id)", #"{"text":"Walked","version":1}"#)
            },
            "DELETE /api/v1/records/{entity}/{id}/comments/{commentId}": { client, _ in
                let caller = try await client.signedIn()
                let order: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                let comment: RecordCommentDTO = try await caller.post("/api/v1/records/sales.order/\(order.order.id)/comments",
                                                                      json: RecordCommentInput(text: "Walk")).decode()
                return (caller, "/api/v1/records/sales.order/\(order.order.id)/comments/\(comment.id)", nil)
            },
            "POST /api/v1/records/{entity}/{id}/follow": { client, _ in
                let caller = try await client.signedIn()
                let order: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                return (caller, "/api/v1/records/sales.order/\(order.order.id)/follow", nil)
            },
            "DELETE /api/v1/records/{entity}/{id}/follow": { client, _ in
                let caller = try await client.signedIn()
                let order: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                _ = try await caller.send(.POST, "/api/v1/records/sales.order/\(order.order.id)/follow")
                return (caller, "/api/v1/records/sales.order/\(order.order.id)/follow", nil)
            },
            "POST /api/v1/records/{entity}/{id}/attachments": { client, _ in
                let caller = try await client.signedIn()
                let file: FileRef = try await caller.send(.POST, "/api/v1/files", bytes: Data("walk".utf8), contentType: "text/plain").decode()
                return (caller, "/api/v1/records/sales.order/\(draft.order.id)/attachments", #"{"fileId":"\#(file.id)"}"#)
            },
            "DELETE /api/v1/records/{entity}/{id}/attachments/{fileId}": { client, _ in
                let caller = try await client.signedIn()
                let order: OrderDetail = try await caller.post("/api/v1/sales/orders", json: input).decode()
                let file: FileRef = try await caller.send(.POST, "/api/v1/files", bytes: Data("walk".utf8), contentType: "text/plain").decode()
                _ = try await caller.post("/api/v1/records/sales.order/\(order.order.id)/attachments", json: RecordAttachInput(fileId: file.id))
                return (caller, "/api/v1/records/sales.order/\(order.order.id)/attachments/\(file.id)", nil)
            },
        ]
    }

    /// Headers a sample needs besides the JSON content type, by route.
    private let headers: [String: [(String, String)]] = [
        "POST /api/v1/files": [("Content-Type", "text/plain"), ("X-File-Name", "walk.txt")],
        "POST /api/v1/expenses/receipts": [("Content-Type", "application/pdf"), ("X-File-Name", "walk.pdf")],
    ]

    /// A holiday calendar named `name` of the demo company (made when missing).
    static func walkCalendar(_ api: APIClient, _ name: String) async throws -> HolidayCalendarDTO {
        if let found = try await api.get("/api/v1/attendance/calendars").decode([HolidayCalendarDTO].self).first(where: { $0.name == name }) { return found }
        return try await api.post("/api/v1/attendance/calendars", json: HolidayCalendarInput(name: name)).decode()
    }

    /// A shift group holding the signed-in administrator's employee, with field check-in (made when missing).
    static func walkShifts(_ api: APIClient) async throws -> AttendanceGroupDTO {
        if let found = try await api.get("/api/v1/attendance/groups").decode([AttendanceGroupDTO].self).first(where: { $0.name == "Walk shifts" }) { return found }
        let me = try await api.get("/api/v1/auth/me").decode(Me.self).employeeId!
        return try await api.post("/api/v1/attendance/groups", json: AttendanceGroupInput(
            name: "Walk shifts", schedule: AttendanceScheduleDTO(kind: "shifts", shifts: [ShiftDTO(key: "D", name: "Day", start: "09:00", end: "18:00")]),
            fieldCheckIn: true, employeeIDs: [me])).decode()
    }

    /// Working days for the administrator in the walk's shift group: 7 and 14 December 2026.
    static func rosteredDays(_ api: APIClient) async throws {
        let group = try await walkShifts(api)
        let me = try await api.get("/api/v1/auth/me").decode(Me.self).employeeId!
        _ = try await api.send(.PUT, "/api/v1/attendance/groups/\(group.id)/roster", json: RosterInput(entries: [
            RosterEntryDTO(employeeID: me, date: "2026-12-07", shift: "D"), RosterEntryDTO(employeeID: me, date: "2026-12-14", shift: "D")]))
    }

    /// A fresh draft claim of the administrator.
    static func walkClaim(_ client: APIClient) async throws -> (APIClient, ExpenseClaimDTO) {
        let caller = try await client.signedIn()
        let category = try await caller.get("/api/v1/expenses/categories").decode([ExpenseCategoryDTO].self)[0]
        let claim: ExpenseClaimDTO = try await caller.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Walk", lines: [
            ExpenseLineInput(date: "2026-09-01", categoryID: category.id, amount: "12.50")])).decode()
        return (caller, claim)
    }

    /// Sends the administrator of the demo company an announcement.
    static func notify(_ app: Application, title: String) async throws {
        let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
        let admin = try await User.query(on: app.db).filter(\.$email == demoEmail).first()!.id!
        try await app.afieldWrites.transaction(on: app.db) { db in
            try await app.notificationCentre.send(NotificationMessage(kind: "announcement", code: "notifications.announcement", params: ["title": title]),
                                                  to: [admin], tenantID: tenant, on: db)
        }
    }

    /// The walk in parts, each on its own database, by the module after `/api/v1/`: one walk of
    /// every route was the last test to end by over a minute. A module not named here is in part 0.
    static let parts: [[String]] = [
        ["partners", "sales", "products", "files", "notifications", "audit", "lists", "records"],
        ["crm", "auth", "approvals"],
        ["projects", "expenses", "org", "attendance", "leave"],
    ]

    /// The part (an index of `parts`) a route's path belongs to.
    static func part(of route: Route) -> Int {
        let module = route.path.count > 2 ? route.path[2].description : ""
        return parts.firstIndex { $0.contains(module) } ?? 0
    }

    @Test("each mutating route, called once, adds exactly one or more audit entries", arguments: parts.indices)
    func everyMutationIsAudited(part: Int) async throws {
        try await withAfield(clock: Self.clock.clock) { app, client in
            let admin = try await client.signedIn()
            let samples = try await samples(admin)
            let routes = app.routes.all.filter { ($0.userInfo[RouteInfo.mutates] as? Bool) == true && Self.part(of: $0) == part }
            #expect(!routes.isEmpty)
            for route in routes {
                let name = "\(route.method.rawValue) /" + route.path.map { if case .parameter(let p) = $0 { "{\(p)}" } else { $0.description } }
                    .joined(separator: "/")
                guard let sample = samples[name] else {
                    Issue.record("no sample request for mutating route \(name): add one and make sure it is audited")
                    continue
                }
                let (caller, path, body) = try await sample(client, app)
                let before = try await AuditEntry.query(on: app.db).count()
                let answer = try await caller.send(route.method, path, raw: body, headers: headers[name] ?? [])
                #expect(answer.status.code < 300, "\(name): \(answer.status) \(answer.text)")
                let after = try await AuditEntry.query(on: app.db).count()
                #expect(after > before, "\(name) wrote no audit entry")
            }
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
            try await Self.everyEntryReadsAsASentence(app, admin)
        }
    }

    /// Every kind of entry the walk wrote (each entity and action) is labelled and worded by the
    /// module that writes it, not shown as its code (issue 8 point 7.4).
    static func everyEntryReadsAsASentence(_ app: Application, _ admin: APIClient) async throws {
        // The demo company's entries: the administrator reads only those (a walk registers another company too).
        let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
        var latest: [String: AuditEntry] = [:]
        for entry in try await AuditEntry.query(on: app.db).filter(\.$tenantID == tenant).sort(\.$seq, .descending).all()
        where latest["\(entry.entity) \(entry.action)"] == nil {
            latest["\(entry.entity) \(entry.action)"] = entry
        }
        for (kind, entry) in latest.sorted(by: { $0.key < $1.key }) {
            let query = "entity=\(entry.entity)&limit=200" + (entry.entityID.map { "&record=\($0)" } ?? "")
            let item = try await AuditSentenceTests.items(admin.inLanguage(entry.seq % 2 == 0 ? "en" : "zh-CN"), query)
                .first { ($0["seq"] as? Int).map(Int64.init) == entry.seq }
            let label = item?["entityLabel"] as? String, summary = item?["summary"] as? String
            #expect(label != nil && label != entry.entity, "\(kind): the entity has no label")
            #expect(summary != nil && !(summary!.hasSuffix(": \(entry.action)") || summary!.hasSuffix("：\(entry.action)")), "\(kind): no words for the action (\(summary ?? "nil"))")
        }
    }

    @Test("reading does not write to the audit log")
    func readsAreNotAudited() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let before = try await AuditEntry.query(on: app.db).count()
            _ = try await api.get("/api/v1/sales/orders")
            _ = try await api.post("/api/v1/sales/orders/preview", json: try await OrderFixtures.load(api).input())
            #expect(try await AuditEntry.query(on: app.db).count() == before)
        }
    }
}
