import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing

/// Issue 12 point 9: the CRM reports — new customers and leads by source, visits and follow-ups
/// per rep per week, customers not followed up for N days, wins and losses with reasons — each
/// within the reader's data scopes.
@Suite("CRM: reports")
struct CRMReportTests {
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func read<T: Decodable>(_ client: APIClient, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let answer = try await client.get(path)
        #expect(answer.status == .ok, "\(path): \(answer.text)", sourceLocation: sourceLocation)
        return try answer.decode()
    }

    @Test("reports: sources, activity per rep per ISO week, idle customers and outcomes count exactly what the reader may see")
    func reports() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            // Leads and customers from three sources; one lead converted.
            var leads: [LeadDTO] = []
            for (company, source) in [("宁波海鲜贸易", "exhibition"), ("温州鞋业", "exhibition"), ("嘉兴丝绸", "website")] {
                leads.append(try await nancy.post("/api/v1/crm/leads", json: LeadInput(company: company, source: source)).decode())
            }
            let conversion: LeadConversionDTO = try await nancy.post("/api/v1/crm/leads/\(leads[0].id)/convert",
                                                                     json: LeadConvertInput(version: leads[0].version)).decode()
            var referral = PartnerInput(name: "绍兴黄酒坊")
            referral.source = "referral"
            let referred: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: referral).decode()

            let sources: SourceReportDTO = try await Self.read(nancy, "/api/v1/crm/reports/sources")
            func row(_ report: SourceReportDTO, _ source: String) -> [Int]? {
                report.rows.first { $0.source == source }.map { [$0.customers, $0.leads, $0.convertedLeads] }
            }
            #expect(row(sources, "exhibition") == [1, 2, 1])
            #expect(row(sources, "website") == [0, 1, 0])
            #expect(row(sources, "referral") == [1, 0, 0])
            #expect(Array(sources.rows.prefix(1)).map(\.source) != ["website"], "most first")
            let janet = try await client.signedIn("janet.leverling@northwind.example")
            let janets: SourceReportDTO = try await Self.read(janet, "/api/v1/crm/reports/sources")
            #expect(row(janets, "exhibition") == nil, "a colleague's leads and customers are outside Janet's own scope")

            // Two follow-ups and a visit checked in and out (its summary is a third follow-up).
            let customer = conversion.customerId
            for kind in ["call", "email"] {
                let answer = try await nancy.post("/api/v1/crm/follow-ups", json: FollowUpInput(customerId: customer, kind: kind, notes: "报价跟进"))
                #expect(answer.status == .created, "\(answer.text)")
            }
            let visit: VisitDTO = try await nancy.post("/api/v1/crm/visits", json: VisitInput(customerId: customer)).decode()
            _ = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-in", json: VisitCheckInInput(latitude: "29.8683", longitude: "121.5440",
                                                                                                       deviceTime: Self.iso(Date())))
            let done = try await nancy.post("/api/v1/crm/visits/\(visit.id)/check-out", json: VisitCheckOutInput(deviceTime: Self.iso(Date()), summary: "样品已送达"))
            #expect(done.status == .ok, "\(done.text)")
            let activity: ActivityReportDTO = try await Self.read(nancy, "/api/v1/crm/reports/activity")
            #expect(activity.weeks.count == 13 || activity.weeks.count == 12, "84 days touch 12 or 13 ISO weeks: \(activity.weeks)")
            #expect(activity.rows.map(\.ownerName) == ["Nancy Davolio"])
            #expect(activity.rows.first.map { [$0.visits, $0.followUps] } == [1, 3])
            #expect(activity.rows.first?.weeks.last.map { [$0.visits, $0.followUps] } == [1, 3], "this week's column")
            #expect(activity.rows.first?.weeks.map(\.week) == activity.weeks)
            let andrew = try await client.signedIn("andrew.fuller@northwind.example")
            let managers: ActivityReportDTO = try await Self.read(andrew, "/api/v1/crm/reports/activity")
            #expect(managers.rows.first { $0.ownerName == "Nancy Davolio" }.map { [$0.visits, $0.followUps] } == [1, 3],
                    "a manager sees the department's reps")
            let janetsActivity: ActivityReportDTO = try await Self.read(janet, "/api/v1/crm/reports/activity")
            #expect(janetsActivity.rows.isEmpty)
            let turn: ActivityReportDTO = try await Self.read(nancy, "/api/v1/crm/reports/activity?from=2026-12-28&to=2027-01-04")
            #expect(turn.weeks == ["2026-W53", "2027-W01"], "2026 has 53 ISO weeks")
            let oneDay: ActivityReportDTO = try await Self.read(nancy, "/api/v1/crm/reports/activity?from=2000-01-01&to=2000-01-01")
            #expect(oneDay.weeks == ["1999-W52"], "a one-week period (Schemathesis found its SQL broken)")

            // Customers not followed up for 30 days: the same customers as the list's filter.
            let idle: IdleCustomersDTO = try await Self.read(nancy, "/api/v1/crm/reports/idle-customers?days=30")
            let listed = try await nancy.get("/api/v1/partners/customers?notFollowedSince=\(idle.since)&limit=200").decode(AfieldAPI.Page<PartnerSummary>.self)
            #expect(idle.total == listed.total)
            #expect(listed.items.contains { $0.id == referred.id }, "never followed up counts")
            #expect(!listed.items.contains { $0.id == customer }, "followed up today")
            #expect(idle.rows.map(\.ownerName) == ["Nancy Davolio"])
            #expect(try await nancy.get("/api/v1/crm/reports/idle-customers?days=0").error.fields?.map(\.code) == ["number.range"])

            // Wins and losses with their reasons.
            let stages: [StageDTO] = try await nancy.get("/api/v1/crm/stages").decode()
            let won = try #require(stages.first { $0.kind == "won" })
            let lost = try #require(stages.first { $0.kind == "lost" })
            for (amount, reason) in [("1000.00", nil), ("2000.00", "价格"), ("500.00", "价格"), ("700.00", "竞品")] as [(DecimalText, String?)] {
                let opportunity: OpportunityDTO = try await nancy.post("/api/v1/crm/opportunities", json: OpportunityInput(
                    name: "商机 \(amount.text)", customerId: customer, amount: amount)).decode()
                let moved = try await nancy.post("/api/v1/crm/opportunities/\(opportunity.id)/move", json: OpportunityMoveInput(
                    version: opportunity.version, stageId: reason == nil ? won.id : lost.id, lostReason: reason))
                #expect(moved.status == .ok, "\(moved.text)")
            }
            let outcomes: OutcomeReportDTO = try await Self.read(nancy, "/api/v1/crm/reports/outcomes")
            #expect(outcomes.won == CountAmountDTO(count: 1, amount: "1000.00"))
            #expect(outcomes.lost == CountAmountDTO(count: 3, amount: "3200.00"))
            #expect(outcomes.winRate == "25.0")
            #expect(outcomes.reasons == [LostReasonDTO(reason: "价格", count: 2, amount: "2500.00"), LostReasonDTO(reason: "竞品", count: 1, amount: "700.00")])
            #expect(outcomes.byOwner.map { "\($0.ownerName ?? "") \($0.won)/\($0.lost) \($0.winRate)" } == ["Nancy Davolio 1/3 25.0"])
            let janetsOutcomes: OutcomeReportDTO = try await Self.read(janet, "/api/v1/crm/reports/outcomes")
            #expect(janetsOutcomes.won.count == 0 && janetsOutcomes.lost.count == 0)

            // The funnel, now SQL aggregates, agrees: one won, three lost, the converted lead's opportunity open.
            let funnel: FunnelDTO = try await nancy.get("/api/v1/crm/funnel").decode()
            #expect(funnel.stages.filter { $0.kind != "open" }.map(\.count) == [1, 3])
            #expect(funnel.stages.filter { $0.kind != "open" }.map(\.amount) == ["1000.00", "3200.00"])
            #expect(try await nancy.get("/api/v1/crm/reports/outcomes?from=2026-12-08&to=2026-12-01").error.fields?.map(\.code) == ["crm.report.period"])
        }
    }
}
