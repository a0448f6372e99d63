import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing

/// Issue 12 point 12: a rep's whole CRM flow through the public API — lead → customer → visits
/// → opportunity won → sales order — and the pieces it is made of.
@Suite("CRM: scenario and visits")
struct CRMScenarioTests {
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test("scenario: a lead becomes a customer with its contact and an opportunity; visits planned as a route, checked in and out; the opportunity is won and becomes a sales order")
    func leadToOrder() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            // 1. A lead, refused twice as a duplicate, then converted.
            let lead: LeadDTO = try await nancy.post("/api/v1/crm/leads", json: LeadInput(
                company: "杭州西湖茶业有限公司", contactName: "王芳", phone: "0571-8888 1234", email: "wang@xihu-tea.example", source: "exhibition",
                provinceCode: "33", cityCode: "3301", districtCode: "330106")).decode()
            #expect(lead.number.hasPrefix("LEAD-"))
            #expect(lead.state == "new")
            #expect(lead.divisionName == "浙江省 杭州市 西湖区")
            let again = try await nancy.post("/api/v1/crm/leads", json: LeadInput(company: "杭州西湖茶业 有限责任公司"))
            #expect(try again.error.fields?.map(\.code) == ["crm.lead.duplicate"])
            let customerTwin = try await nancy.post("/api/v1/crm/leads", json: LeadInput(company: "Alfreds Futterkiste GmbH"))
            #expect(try customerTwin.error.fields?.map(\.code) == ["crm.lead.customer_exists"])

            let call: FollowUpDTO = try await nancy.post("/api/v1/crm/follow-ups", json: FollowUpInput(leadId: lead.id, kind: "call", notes: "想了解春茶礼盒")).decode()
            #expect(call.leadId == lead.id)
            let leadFollowUps: [FollowUpDTO] = try await nancy.get("/api/v1/crm/leads/\(lead.id)/follow-ups").decode()
            #expect(leadFollowUps.map(\.notes) == ["想了解春茶礼盒"])
            let following: LeadDTO = try await nancy.get("/api/v1/crm/leads/\(lead.id)").decode()
            #expect(following.state == "following")

            let converted = try await nancy.post("/api/v1/crm/leads/\(lead.id)/convert",
                                                 json: LeadConvertInput(version: following.version, opportunityName: "春茶礼盒 2027", amount: "12000.00",
                                                                        expectedCloseDate: "2027-02-15"))
            #expect(converted.status == .ok, "\(converted.text)")
            let conversion: LeadConversionDTO = try converted.decode()
            #expect(conversion.lead.state == "converted")
            let customer: PartnerDetail = try await nancy.get("/api/v1/partners/customers/\(conversion.customerId)").decode()
            #expect(customer.name == "杭州西湖茶业有限公司")
            #expect(customer.contacts.map(\.name) == ["王芳"])
            #expect(customer.profile?.source == "exhibition")
            #expect(customer.profile?.divisionName == "浙江省 杭州市 西湖区")
            #expect(customer.profile?.ownerName == "Nancy Davolio")
            let opportunityID = try #require(conversion.opportunityId)

            // 2. Coordinates for the route, then the day planned and saved.
            var located = PartnerUpdate(version: customer.version)
            located.latitude = "30.2590"
            located.longitude = "120.1300"
            _ = try await nancy.send(.PATCH, "/api/v1/partners/customers/\(customer.id)", json: located)
            let alfreds = try await nancy.get("/api/v1/partners/customers?q=Alfreds").decode(AfieldAPI.Page<PartnerSummary>.self).items[0]
            let plan: RoutePlanDTO = try await nancy.post("/api/v1/crm/routes/plan",
                                                          json: RoutePlanInput(startLatitude: "30.2741", startLongitude: "120.1551",
                                                                               customerIds: [customer.id, alfreds.id])).decode()
            #expect(plan.stops.map(\.customerId) == [customer.id])
            #expect(plan.skipped.map(\.customerId) == [alfreds.id])
            #expect(plan.stops.first?.geoUri.hasPrefix("geo:30.259,120.13?q=30.259,120.13(") == true)
            #expect(plan.totalMeters == plan.stops.first?.legMeters)
            #expect((2_900...3_200).contains(plan.totalMeters), "about 3 km from 武林广场 to 西湖区: \(plan.totalMeters)")
            let saved = try await nancy.post("/api/v1/crm/routes", json: RouteSaveInput(date: "2026-12-07", customerIds: [customer.id]))
            #expect(saved.status == .created, "\(saved.text)")
            let visits: [VisitDTO] = try saved.decode()
            #expect(visits.map(\.sequence) == [1])
            #expect(visits.first?.state == "planned")

            // 3. Check in near the customer, then out with a summary.
            let visit = visits[0]
            let inside: VisitDTO = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-in", json: VisitCheckInInput(
                latitude: "30.2593", longitude: "120.1302", accuracy: 12, deviceTime: Self.iso(Date()))).decode()
            #expect(inside.state == "in_progress")
            #expect(inside.distanceMeters == 38)
            #expect(inside.far == false)
            let twice = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-in", json: VisitCheckInInput(
                latitude: "30.2593", longitude: "120.1302", deviceTime: Self.iso(Date())))
            #expect(try twice.error.code == "crm.visit.not_planned")
            let done: VisitDTO = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-out", json: VisitCheckOutInput(
                deviceTime: Self.iso(Date()), summary: "试饮三款，客户倾向龙井礼盒", nextStep: "发报价")).decode()
            #expect(done.state == "done")
            #expect(done.durationMinutes == 0)
            let timeline: [TimelineEntryDTO] = try await nancy.get("/api/v1/crm/customers/\(customer.id)/timeline").decode()
            #expect(timeline.contains { $0.kind == "follow_up" && $0.detail == "试饮三款，客户倾向龙井礼盒" })
            #expect(timeline.contains { $0.kind == "opportunity" && $0.title == "春茶礼盒 2027" })
            let touched: PartnerDetail = try await nancy.get("/api/v1/partners/customers/\(customer.id)").decode()
            #expect(touched.profile?.lastActivityAt != nil, "a visit restarts the pool's idle clock")

            // 4. The opportunity gets products, moves through the stages, is won and becomes an order.
            let products: AfieldAPI.Page<ProductDTO> = try await nancy.get("/api/v1/products/products?q=NW-1&limit=100").decode()
            let chai = try #require(products.items.first { $0.sku == "NW-1" })
            var opportunity: OpportunityDTO = try await nancy.get("/api/v1/crm/opportunities/\(opportunityID)").decode()
            #expect(opportunity.stageName == "Qualification" || opportunity.stageName == "初步接洽")
            opportunity = try await nancy.send(.PATCH, "/api/v1/crm/opportunities/\(opportunityID)", json: OpportunityUpdate(
                version: opportunity.version, lines: [OpportunityLineInput(productId: chai.id, quantity: "500", unitPrice: "20.00")])).decode()
            #expect(opportunity.amount == "10000.00", "the amount follows the products when not given")
            let stages: [StageDTO] = try await nancy.get("/api/v1/crm/stages").decode()
            #expect(stages.map(\.probability) == [10, 30, 50, 80, 100, 0])
            opportunity = try await nancy.post("/api/v1/crm/opportunities/\(opportunityID)/move",
                                               json: OpportunityMoveInput(version: opportunity.version, stageId: stages[2].id)).decode()
            #expect(opportunity.weightedAmount == "5000.00")
            let early = try await nancy.post("/api/v1/crm/opportunities/\(opportunityID)/order", json: [String: String]())
            #expect(try early.error.code == "crm.opportunity.not_won")
            opportunity = try await nancy.post("/api/v1/crm/opportunities/\(opportunityID)/move",
                                               json: OpportunityMoveInput(version: opportunity.version, stageId: stages[4].id)).decode()
            #expect(opportunity.state == "won")
            let ordered = try await nancy.post("/api/v1/crm/opportunities/\(opportunityID)/order", json: [String: String]())
            #expect(ordered.status == .created, "\(ordered.text)")
            let order: OrderDetail = try ordered.decode()
            #expect(order.order.customerId == customer.id)
            #expect(order.order.state == "draft")
            #expect(order.lines.map(\.quantity) == ["500"])
            #expect(order.lines.map(\.unitPrice) == ["20.00"])
            let twiceOrdered = try await nancy.post("/api/v1/crm/opportunities/\(opportunityID)/order", json: [String: String]())
            #expect(try twiceOrdered.error.code == "crm.opportunity.has_order")
            let closed: OpportunityDTO = try await nancy.get("/api/v1/crm/opportunities/\(opportunityID)").decode()
            #expect(closed.orderId == order.order.id)

            // 5. The funnel counts it as won, having reached every open stage.
            let funnel: FunnelDTO = try await nancy.get("/api/v1/crm/funnel").decode()
            #expect(funnel.stages.map(\.reached) == [1, 1, 1, 1, 1, 0])
            #expect(funnel.stages.map(\.conversion) == ["100.0", "100.0", "100.0", "100.0", "100.0", "0.0"])
            #expect(funnel.stages[4].amount == "10000.00")
        }
    }

    @Test("a check-in far from the customer is kept and marked; a phone clock 10 minutes off is refused; a queued one keeps its time")
    func checkInRules() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            var input = PartnerInput(name: "Far Away Trading")
            input.latitude = "31.2304"
            input.longitude = "121.4737"
            let customer: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: input).decode()
            let visit: VisitDTO = try await nancy.post("/api/v1/crm/visits", json: VisitInput(customerId: customer.id, plannedFor: "2026-12-07")).decode()
            let skewed = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-in", json: VisitCheckInInput(
                latitude: "31.2304", longitude: "121.4737", deviceTime: Self.iso(Date().addingTimeInterval(-600))))
            #expect(try skewed.error.code == "crm.visit.clock_skew")
            #expect(try skewed.error.message.contains("10"))
            let far: VisitDTO = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-in", json: VisitCheckInInput(
                latitude: "31.2404", longitude: "121.4737", deviceTime: Self.iso(Date()))).decode()
            #expect(far.far == true)
            #expect(far.distanceMeters == 1112)

            let second: VisitDTO = try await nancy.post("/api/v1/crm/visits", json: VisitInput(customerId: customer.id)).decode()
            let earlier = Date().addingTimeInterval(-3600)
            let queued: VisitDTO = try await nancy.post("/api/v1/crm/visits/\(second.id)/check-in", json: VisitCheckInInput(
                latitude: "31.2305", longitude: "121.4737", deviceTime: Self.iso(earlier), queued: true, sentAt: Self.iso(Date()))).decode()
            #expect(queued.checkInAt.map { abs($0.timeIntervalSince(earlier)) < 1 } == true)

            let janet = try await client.signedIn("janet.leverling@northwind.example")
            #expect(try await janet.get("/api/v1/crm/visits/\(visit.id)").status == .notFound, "a colleague's visit is outside Janet's own scope")
            let admin = try await client.signedIn()
            let list: AfieldAPI.Page<VisitDTO> = try await admin.get("/api/v1/crm/visits?far=true").decode()
            #expect(list.items.map(\.id) == [visit.id])
        }
    }

    @Test("a follow-up's next step sends its owner a reminder at its time")
    func reminder() async throws {
        let clock = ManualClock(Date())
        try await withAfield(clock: clock.clock) { app, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let customer = try await nancy.get("/api/v1/partners/customers?q=Alfreds").decode(AfieldAPI.Page<PartnerSummary>.self).items.first
            let mine = try #require(customer)
            let next = clock.now.addingTimeInterval(86_400)
            let made = try await nancy.post("/api/v1/crm/follow-ups", json: FollowUpInput(customerId: mine.id, kind: "meeting", notes: "见了采购",
                                                                                       nextStep: "寄样品", nextAt: Self.iso(next)))
            #expect(made.status == .created, "\(made.text)")
            #expect(try await app.jobs.runDue(now: next.addingTimeInterval(-60)) == 0)
            #expect(try await app.jobs.runDue(now: next.addingTimeInterval(1)) == 1)
            let notes: AfieldAPI.Page<NotificationDTO> = try await nancy.get("/api/v1/notifications").decode()
            #expect(notes.items.first?.title == "Follow up: 寄样品")
        }
    }

    @Test("leads import from XLSX, as openpyxl writes it (inline strings) and as Excel and WPS do (shared strings, rich-text runs): numbers as written, duplicates refused")
    func leadImportXLSX() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        for file in ["leads-openpyxl.xlsx", "leads-shared-strings.xlsx"] {
            try await withAfield { _, client in
                let nancy = try await client.signedIn("nancy.davolio@northwind.example")
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                let answer = try await nancy.send(.POST, "/api/v1/crm/leads/import", bytes: data,
                                                  contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(answer.status == .ok, "\(file): \(answer.text)")
                let result: LeadImportResult = try answer.decode()
                #expect(result.created == 2, "\(file)")
                #expect(result.refused.map(\.row) == [2, 4], "\(file)")
                #expect(result.refused.map(\.code) == ["crm.lead.customer_exists", "crm.lead.duplicate"], "\(file)")
                let leads = try await nancy.get("/api/v1/crm/leads?q=厦门").decode(AfieldAPI.Page<LeadDTO>.self).items
                #expect(leads.map(\.company) == ["厦门鼓浪屿文创有限公司"], "\(file)")
                #expect(leads.first?.phone == "13906001234", "a numeric cell keeps its digits: \(file)")
                #expect(leads.first?.notes == "展会 & 样品", "\(file)")
                #expect(leads.first?.contactName == "林晓", "\(file)")
            }
        }
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let broken = try await nancy.send(.POST, "/api/v1/crm/leads/import", bytes: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2]),
                                              contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(try broken.error.code == "crm.import.unreadable")
        }
    }

    @Test("leads import from CSV: rows matching an open lead, a customer or an earlier row are refused and reported")
    func leadImport() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let csv = "公司,联系人,电话,来源\n深圳前海科技有限公司,李雷,13800138001,website\nAlfreds Futterkiste,,,\n深圳前海科技,韩梅梅,,\n,,,\n广州白云贸易,张三,13800138002,\n"
            let answer = try await nancy.send(.POST, "/api/v1/crm/leads/import", bytes: Data(csv.utf8), contentType: "text/csv")
            #expect(answer.status == .ok, "\(answer.text)")
            let result: LeadImportResult = try answer.decode()
            #expect(result.created == 2)
            #expect(result.refused.map(\.row) == [2, 3])
            #expect(result.refused.map(\.code) == ["crm.lead.customer_exists", "crm.lead.duplicate"])
            let leads: AfieldAPI.Page<LeadDTO> = try await nancy.get("/api/v1/crm/leads").decode()
            #expect(Set(leads.items.map(\.company)) == ["深圳前海科技有限公司", "广州白云贸易"])
            let bad = try await nancy.send(.POST, "/api/v1/crm/leads/import", bytes: Data("name,phone\nx,1\n".utf8), contentType: "text/csv")
            #expect(try bad.error.code == "crm.import.no_company_column")
        }
    }
}
