import AfieldAPI
import Fluent
import Partners
import Platform
import Sales
import Vapor

/// `/api/v1/crm/…`: thin — decode, call the service, encode.
struct CRMController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        registerVisits(routes)
        registerFollowUps(routes)
        registerLeads(routes)
        registerOpportunities(routes)
        registerContracts(routes)
        registerReports(routes)
    }

    private func registerReports(_ routes: any RoutesBuilder) {
        let period: [QueryParameter] = [.date("from"), .date("to")]
        routes.on(.GET, "reports", "sources", permission: .authenticated, summary: "New customers and leads by source in a period (within one's scopes)",
                  query: period) { req async throws -> SourceReportDTO in
            try await CRMReports(context: try req.serviceContext).sources(from: req.queryText("from"), to: req.queryText("to"))
        }
        routes.on(.GET, "reports", "activity", permission: .authenticated, summary: "Done visits and follow-ups per rep per ISO week",
                  query: period) { req async throws -> ActivityReportDTO in
            try await CRMReports(context: try req.serviceContext).activity(from: req.queryText("from"), to: req.queryText("to"))
        }
        routes.on(.GET, "reports", "idle-customers", permission: PartnerPermissions.customerRead,
                  summary: "Customers not followed up for N days, per owner", query: [.integer("days", minimum: 1, maximum: 365)]) {
            req async throws -> IdleCustomersDTO in
            let days = try req.queryText("days").map { text -> Int in
                guard let value = Int(text) else { throw DomainError.invalid([.init("days", "request.invalid_value")]) }
                return value
            } ?? 30
            return try await CRMReports(context: try req.serviceContext).idleCustomers(days: days)
        }
        routes.on(.GET, "reports", "outcomes", permission: CRMModule.opportunityRead, summary: "Opportunities won and lost in a period, lost reasons, win rate per rep",
                  query: period) { req async throws -> OutcomeReportDTO in
            try await CRMReports(context: try req.serviceContext).outcomes(from: req.queryText("from"), to: req.queryText("to"))
        }
    }

    private func registerContracts(_ routes: any RoutesBuilder) {
        routes.list(ContractList.definition, "contracts", permission: CRMModule.contractRead, summary: "Contracts within one's scope")
        routes.on(.POST, "contracts", permission: CRMModule.contractWrite, summary: "Enter a draft contract", body: ContractInput.self, status: .created) {
            req async throws -> ContractDTO in try await ContractService(context: try req.serviceContext).create(try req.content.decode(ContractInput.self))
        }
        routes.on(.GET, "contracts", ":id", permission: CRMModule.contractRead, summary: "A contract with its orders, collection plan and receipts") {
            req async throws -> ContractDTO in try await ContractRead(context: try req.serviceContext).detail(try req.pathID(entity: "contract"))
        }
        routes.on(.PATCH, "contracts", ":id", permission: CRMModule.contractWrite, summary: "Change a draft contract (send the version read)",
                  body: ContractUpdate.self) { req async throws -> ContractDTO in
            let context: ServiceContext = try req.serviceContext
            let contract = try await ContractRead(context: context).visible(try req.pathID(entity: "contract"))
            return try await ContractService(context: context).update(contract.requireID(), try req.content.decode(ContractUpdate.self).input)
        }
        let actions: [(String, String, @Sendable (ContractLifecycle, UUID, ContractActionInput) async throws -> ContractDTO)] = [
            ("submit", "Submit a draft for approval (active at once when no approval is needed)", { try await $0.submit($1, $2) }),
            ("withdraw", "Withdraw a contract waiting for approval (back to draft)", { try await $0.withdraw($1, $2) }),
            ("cancel", "Cancel a draft", { try await $0.cancel($1, $2) }),
            ("terminate", "Terminate an active or expired contract (reason required)", { try await $0.terminate($1, $2) }),
        ]
        for (path, summary, action) in actions {
            routes.on(.POST, "contracts", ":id", PathComponent(stringLiteral: path), permission: CRMModule.contractWrite, summary: summary,
                      body: ContractActionInput.self) { req async throws -> ContractDTO in
                // Found first, so that another company's id is 404 whatever the body.
                let context: ServiceContext = try req.serviceContext
                let contract = try await ContractRead(context: context).visible(try req.pathID(entity: "contract"))
                return try await action(ContractLifecycle(context: context), contract.requireID(), try req.content.decode(ContractActionInput.self))
            }
        }
        routes.on(.POST, "contracts", ":id", "renew", permission: CRMModule.contractWrite,
                  summary: "Renew an active or expired contract: a new draft starting the day after it ends", status: .created) { req async throws -> ContractDTO in
            try await ContractLifecycle(context: try req.serviceContext).renew(try req.pathID(entity: "contract"))
        }
        routes.on(.POST, "contracts", ":id", "receipts", permission: CRMModule.contractReceive, summary: "Record money received (回款)",
                  body: ContractReceiptInput.self) { req async throws -> ContractDTO in
            let context: ServiceContext = try req.serviceContext
            let contract = try await ContractRead(context: context).visible(try req.pathID(entity: "contract"))
            return try await ContractLifecycle(context: context).receive(contract.requireID(), try req.content.decode(ContractReceiptInput.self))
        }
        routes.on(.GET, "customers", ":id", "contracts", permission: CRMModule.contractRead, summary: "A customer's contracts, newest first") {
            req async throws -> [ContractDTO] in
            let context: ServiceContext = try req.serviceContext
            let customer = try await CustomerAccess(context: context).visibleCustomer(try req.pathID(entity: "customer"))
            return try await ContractRead(context: context).ofCustomer(customer.id)
        }
    }

    private func registerVisits(_ routes: any RoutesBuilder) {
        routes.on(.POST, "routes", "plan", permission: CRMModule.visit,
                  summary: "Order a day's visits (nearest neighbour, 2-opt, Or-opt on great-circle distance)", body: RoutePlanInput.self, mutates: false) {
            req async throws -> RoutePlanDTO in try await RoutePlanning(context: try req.serviceContext).plan(try req.content.decode(RoutePlanInput.self))
        }
        routes.on(.POST, "routes", permission: CRMModule.visit, summary: "Save a day's route as planned visits, in visiting order", body: RouteSaveInput.self,
                  status: .created) { req async throws -> [VisitDTO] in
            try await VisitPlanning(context: try req.serviceContext).saveRoute(try req.content.decode(RouteSaveInput.self))
        }
        routes.list(CRMLists.visits, "visits", permission: CRMModule.visit, summary: "Visits: one's own, and colleagues' within one's activity scope")
        routes.on(.POST, "visits", permission: CRMModule.visit, summary: "Plan a visit", body: VisitInput.self, status: .created) { req async throws -> VisitDTO in
            try await VisitPlanning(context: try req.serviceContext).plan(try req.content.decode(VisitInput.self))
        }
        routes.on(.GET, "visits", ":id", permission: CRMModule.visit, summary: "A visit") { req async throws -> VisitDTO in
            try await VisitRead(context: try req.serviceContext).detail(try req.pathID(entity: "visit"))
        }
        routes.on(.POST, "visits", ":id", "check-in", permission: CRMModule.visit, summary: "Check in at the customer (position, phone clock, photo)",
                  body: VisitCheckInInput.self) { req async throws -> VisitDTO in
            // Found first, so that another company's id is 404 whatever the body (case A-40).
            let service = VisitCheckIn(context: try req.serviceContext)
            let visit = try await service.own(try req.pathID(entity: "visit"))
            return try await service.checkIn(visit.requireID(), try req.content.decode(VisitCheckInInput.self))
        }
        routes.on(.POST, "visits", ":id", "check-out", permission: CRMModule.visit, summary: "Check out with a summary (becomes the visit's follow-up)",
                  body: VisitCheckOutInput.self) { req async throws -> VisitDTO in
            let service = VisitCheckIn(context: try req.serviceContext)
            let visit = try await service.own(try req.pathID(entity: "visit"))
            return try await service.checkOut(visit.requireID(), try req.content.decode(VisitCheckOutInput.self))
        }
        routes.on(.POST, "visits", ":id", "cancel", permission: CRMModule.visit, summary: "Cancel a planned visit") { req async throws -> VisitDTO in
            try await VisitCheckIn(context: try req.serviceContext).cancel(try req.pathID(entity: "visit"))
        }
    }

    private func registerFollowUps(_ routes: any RoutesBuilder) {
        routes.on(.POST, "follow-ups", permission: CRMModule.visit, summary: "Log a follow-up on a customer, lead or opportunity", body: FollowUpInput.self,
                  status: .created) { req async throws -> FollowUpDTO in
            try await FollowUpService(context: try req.serviceContext).create(try req.content.decode(FollowUpInput.self))
        }
        routes.on(.GET, "follow-ups", ":id", permission: CRMModule.visit, summary: "A follow-up") { req async throws -> FollowUpDTO in
            try await FollowUpRead(context: try req.serviceContext).detail(try req.pathID(entity: "follow_up"))
        }
        routes.on(.GET, "customers", ":id", "follow-ups", permission: PartnerPermissions.customerRead, summary: "A customer's follow-ups, newest first") {
            req async throws -> [FollowUpDTO] in
            try await FollowUpRead(context: try req.serviceContext).ofCustomer(try req.pathID(entity: "customer"))
        }
        routes.on(.GET, "leads", ":id", "follow-ups", permission: CRMModule.leadRead, summary: "A lead's follow-ups, newest first") {
            req async throws -> [FollowUpDTO] in
            try await FollowUpRead(context: try req.serviceContext).ofLead(try req.pathID(entity: "lead"))
        }
        routes.on(.GET, "opportunities", ":id", "follow-ups", permission: CRMModule.opportunityRead, summary: "An opportunity's follow-ups, newest first") {
            req async throws -> [FollowUpDTO] in
            try await FollowUpRead(context: try req.serviceContext).ofOpportunity(try req.pathID(entity: "opportunity"))
        }
        routes.on(.GET, "customers", ":id", "timeline", permission: PartnerPermissions.customerRead,
                  summary: "A customer's timeline: follow-ups, visits, opportunities and owner changes, newest first") { req async throws -> [TimelineEntryDTO] in
            try await CustomerTimeline(context: try req.serviceContext).entries(try req.pathID(entity: "customer"))
        }
    }

    private func registerLeads(_ routes: any RoutesBuilder) {
        routes.list(CRMLists.leads, "leads", permission: CRMModule.leadRead, summary: "Leads within one's scope")
        routes.on(.POST, "leads", permission: CRMModule.leadWrite, summary: "Enter a lead (duplicate-checked against leads and customers)",
                  body: LeadInput.self, status: .created) { req async throws -> LeadDTO in
            try await LeadService(context: try req.serviceContext).create(try req.content.decode(LeadInput.self))
        }
        routes.on(.POST, "leads", "import", permission: CRMModule.leadWrite, summary: "Import leads from CSV or XLSX (header row; company required), each duplicate-checked",
                  rawBody: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], response: LeadImportResult.self, maxBodySize: "5mb") { req async throws -> Response in
            let data = req.body.data.map { Data(buffer: $0) } ?? Data()
            let result = try await LeadImport(context: try req.serviceContext).run(data)
            let response = Response(status: .ok)
            try response.content.encode(result, using: JSONEncoder.afield)
            return response
        }
        routes.on(.GET, "leads", ":id", permission: CRMModule.leadRead, summary: "A lead") { req async throws -> LeadDTO in
            try await LeadRead(context: try req.serviceContext).detail(try req.pathID(entity: "lead"))
        }
        routes.on(.PATCH, "leads", ":id", permission: CRMModule.leadWrite, summary: "Change an open lead (send the version read)", body: LeadUpdate.self) {
            req async throws -> LeadDTO in
            try await LeadService(context: try req.serviceContext).update(try req.pathID(entity: "lead"), try req.content.decode(LeadUpdate.self).input)
        }
        routes.on(.POST, "leads", ":id", "invalidate", permission: CRMModule.leadWrite, summary: "Mark a lead invalid with a reason",
                  body: LeadInvalidateInput.self) { req async throws -> LeadDTO in
            let context: ServiceContext = try req.serviceContext
            let lead = try await LeadRead(context: context).visible(try req.pathID(entity: "lead"))
            return try await LeadService(context: context).invalidate(lead.requireID(), try req.content.decode(LeadInvalidateInput.self))
        }
        routes.on(.POST, "leads", ":id", "convert", permission: CRMModule.leadWrite,
                  summary: "Convert a lead into a customer (+ contact + opportunity) in one step", body: LeadConvertInput.self) { req async throws -> LeadConversionDTO in
            try await LeadService(context: try req.serviceContext).convert(try req.pathID(entity: "lead"), try req.content.decode(LeadConvertInput.self))
        }
    }

    private func registerOpportunities(_ routes: any RoutesBuilder) {
        routes.on(.GET, "stages", permission: CRMModule.opportunityRead, summary: "The funnel's stages, in order") { req async throws -> [StageDTO] in
            try await Stages(context: try req.serviceContext).list()
        }
        routes.on(.POST, "stages", permission: CRMModule.stageManage, summary: "Add an open stage", body: StageInput.self, status: .created) {
            req async throws -> StageDTO in try await StageService(context: try req.serviceContext).create(try req.content.decode(StageInput.self))
        }
        routes.on(.PATCH, "stages", ":id", permission: CRMModule.stageManage, summary: "Rename, reweigh, reorder or archive a stage", body: StageUpdate.self) {
            req async throws -> StageDTO in
            try await StageService(context: try req.serviceContext).update(try req.pathID(entity: "stage"), try req.content.decode(StageUpdate.self).input)
        }
        routes.list(CRMLists.opportunities, "opportunities", permission: CRMModule.opportunityRead, summary: "Opportunities within one's scope")
        routes.on(.POST, "opportunities", permission: CRMModule.opportunityWrite, summary: "Enter an opportunity", body: OpportunityInput.self, status: .created) {
            req async throws -> OpportunityDTO in
            try await OpportunityService(context: try req.serviceContext).create(try req.content.decode(OpportunityInput.self))
        }
        routes.on(.GET, "opportunities", ":id", permission: CRMModule.opportunityRead, summary: "An opportunity with its products") { req async throws -> OpportunityDTO in
            try await OpportunityRead(context: try req.serviceContext).detail(try req.pathID(entity: "opportunity"))
        }
        routes.on(.PATCH, "opportunities", ":id", permission: CRMModule.opportunityWrite, summary: "Change an open opportunity (send the version read)",
                  body: OpportunityUpdate.self) { req async throws -> OpportunityDTO in
            try await OpportunityService(context: try req.serviceContext).update(try req.pathID(entity: "opportunity"), try req.content.decode(OpportunityUpdate.self).input)
        }
        routes.on(.POST, "opportunities", ":id", "move", permission: CRMModule.opportunityWrite, summary: "Move to a stage (won, lost with a reason, or open)",
                  body: OpportunityMoveInput.self) { req async throws -> OpportunityDTO in
            let context: ServiceContext = try req.serviceContext
            let opportunity = try await OpportunityRead(context: context).visible(try req.pathID(entity: "opportunity"))
            return try await OpportunityService(context: context).move(opportunity.requireID(), try req.content.decode(OpportunityMoveInput.self))
        }
        routes.on(.POST, "opportunities", ":id", "order", permission: CRMModule.opportunityWrite, summary: "Make the sales order of a won opportunity",
                  status: .created) { req async throws -> OrderDetail in
            try await OpportunityOrder(context: try req.serviceContext).create(try req.pathID(entity: "opportunity"))
        }
        routes.on(.GET, "funnel", permission: CRMModule.opportunityRead, summary: "The funnel: per stage count, amount, reached and conversion",
                  query: [.date("from"), .date("to")]) { req async throws -> FunnelDTO in
            try await OpportunityReports(context: try req.serviceContext).funnel(from: req.queryText("from"), to: req.queryText("to"))
        }
        routes.on(.GET, "forecast", permission: CRMModule.opportunityRead, summary: "Weighted forecast by expected close month",
                  query: [QueryParameter("from", schema: ["type": "string", "pattern": .string(SchemaPattern.month)]), .integer("months", minimum: 1, maximum: 24)]) {
            req async throws -> [ForecastMonthDTO] in
            let months = try req.queryText("months").map { text -> Int in
                guard let value = Int(text), (1...24).contains(value) else { throw DomainError.invalid([.init("months", "request.invalid_value")]) }
                return value
            } ?? 6
            return try await OpportunityReports(context: try req.serviceContext).forecast(first: req.queryText("from"), months: months)
        }
    }
}
