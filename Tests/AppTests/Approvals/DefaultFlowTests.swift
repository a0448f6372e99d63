import AfieldAPI
import AfieldTesting
@testable import Approvals
import Fluent
import Foundation
import SQLKit
import Testing

/// The built-in forms work out of the box (issue 8 point 7.3): each starts with a default flow —
/// the direct manager, and above the company's amount also the department head — and a new
/// company's "same approver twice" rule is "approve once".
@Suite("Default flows of the built-in forms")
struct DefaultFlowTests {
    typealias F = ApprovalFixtures

    static func form(_ api: APIClient, _ template: String) async throws -> ApprovalFormDTO {
        try #require(try await api.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == template })
    }

    static func route(_ api: APIClient, _ form: ApprovalFormDTO, _ values: [String: FormValue]) async throws -> [String] {
        let route: FlowPreview = try await api.post("/api/v1/approvals/instances/route", json: ApprovalSubmitRequest(formId: form.id, values: values)).decode()
        return route.steps.map { "\($0.name): \($0.assignees.map(\.name).joined(separator: ", "))" }
    }

    @Test("every built-in form has a flow from the start: the manager, then the department head above the company amount (1,000.00 USD); without an amount the manager only")
    func builtInFormsHaveFlows() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let michael = try await f.signIn("michael.suyama")
            let forms: [ApprovalFormDTO] = try await michael.get("/api/v1/approvals/forms").decode()
            #expect(forms.count == 6)
            #expect(forms.allSatisfy { $0.flowId != nil && $0.hasFlow }, "\(forms.map { "\($0.templateKey ?? ""): \($0.flowId.map(\.uuidString) ?? "none")" })")
            let settings: ApprovalSettingsDTO = try await f.admin.get("/api/v1/approvals/settings").decode()
            #expect(settings.departmentHeadAbove == "1000.00")
            #expect(settings.sameApprover == .approveOnce)

            let payment = try await Self.form(michael, "paymentRequest")
            #expect(try await Self.route(michael, payment, ["payee": "Exotic Liquids", "amount": "1000.00"]) == ["Direct manager: Steven Buchanan"])
            #expect(try await Self.route(michael, payment, ["payee": "Exotic Liquids", "amount": "1000.01"])
                    == ["Direct manager: Steven Buchanan", "Department head: Steven Buchanan"])
            let outing = try await Self.form(michael, "outing")
            #expect(try await Self.route(michael, outing, [:]) == ["Direct manager: Steven Buchanan"])
            let trip = try await Self.form(michael, "businessTrip")
            let tripValues: [String: FormValue] = ["destination": "Lyon", "period": ["start": "2026-03-02", "end": "2026-03-03"], "transport": "train",
                                                   "reason": "Fair", "estimatedCost": "2500"]
            #expect(try await Self.route(michael, trip, tripValues).count == 2, "the trip's estimated cost is its amount")

            // Steven is Michael's manager and his department's head: he approves once, for both steps.
            let submitted = try await michael.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: payment.id, values: [
                "payee": "Exotic Liquids", "amount": "2400.00", "items": .array([.object(["description": "Syrup", "amount": "2400.00"])]),
            ]))
            #expect(submitted.status == .created, "\(submitted.text)")
            let request: ApprovalInstanceDTO = try submitted.decode()
            let steven = try await f.signIn("steven.buchanan")
            let done: ApprovalInstanceDTO = try await steven.post("/api/v1/approvals/tasks/\(try await F.myTask(steven, request.summary.id))/approve",
                                                                  json: ApprovalDecisionRequest()).decode()
            #expect(done.summary.state == .approved)
            #expect(done.timeline.contains { $0.text == "Approved once: the same person approved the previous step." })
        }
    }

    @Test("a new company amount moves the default flows nobody changed; a flow saved in the designer keeps its own; a bad amount is refused")
    func amountSetting() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let payment = try await Self.form(f.admin, "paymentRequest"), trip = try await Self.form(f.admin, "businessTrip")
            let tripFlow: ApprovalFlowDTO = try await f.admin.get("/api/v1/approvals/flows/\(try #require(trip.flowId))").decode()
            var edited = tripFlow.definition
            edited.nodes.removeLast()
            #expect(try await f.admin.send(.PUT, "/api/v1/approvals/flows/\(tripFlow.id)",
                                           json: FlowSaveRequest(name: tripFlow.name, definition: edited, version: tripFlow.version)).status == .ok)

            let bad = try await f.admin.send(.PUT, "/api/v1/approvals/settings",
                                             json: ApprovalSettingsDTO(administratorId: nil, urgeIntervalMinutes: 30, departmentHeadAbove: "-5"))
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.error.fields?.map(\.field) == ["departmentHeadAbove"])
            let saved = try await f.admin.send(.PUT, "/api/v1/approvals/settings",
                                               json: ApprovalSettingsDTO(administratorId: nil, urgeIntervalMinutes: 30, departmentHeadAbove: "2500"))
            #expect(saved.status == .ok)
            #expect(try saved.decode(ApprovalSettingsDTO.self).departmentHeadAbove == "2500.00")

            let paymentFlow: ApprovalFlowDTO = try await f.admin.get("/api/v1/approvals/flows/\(try #require(payment.flowId))").decode()
            #expect(paymentFlow.currentVersion == 2)
            #expect(paymentFlow.definition.nodes.last?.branches?.first?.conditions.first?.values == ["2500.00"])
            let tripNow: ApprovalFlowDTO = try await f.admin.get("/api/v1/approvals/flows/\(tripFlow.id)").decode()
            #expect(tripNow.currentVersion == 2 && tripNow.definition == edited, "the administrator's own flow is left alone")
            let audit: AfieldAPI.Page<AuditEntryDTO> = try await f.admin.get("/api/v1/audit/entries?entity=approvals.flow&record=\(paymentFlow.id)").decode()
            #expect(audit.items.first?.actorName == "Andrew Fuller")
        }
    }

    @Test("a company that existed before gets a default flow for each built-in form without one, and keeps asking the same approver again")
    func existingCompanies() async throws {
        try await withAfield { app, client in
            let f = try await F.load(client)
            let outing = try await Self.form(f.admin, "outing"), general = try await Self.form(f.admin, "general")
            let sql = try #require(app.db as? any SQLDatabase)
            let subject = "form.\(outing.id)"
            try await sql.raw("UPDATE approval_forms SET flow_id = NULL WHERE id = \(bind: outing.id)").run()
            try await sql.raw("DELETE FROM approval_flow_versions WHERE flow_id IN (SELECT id FROM approval_flows WHERE subject = \(bind: subject))").run()
            try await sql.raw("DELETE FROM approval_flows WHERE subject = \(bind: subject)").run()
            try await sql.raw("UPDATE approval_settings SET same_approver = NULL, department_head_above = NULL").run()

            for _ in 0..<2 { try await SeedDefaultFlows().prepare(on: app.db) }
            #expect(try await Self.form(f.admin, "outing").hasFlow)
            #expect(try await Self.form(f.admin, "general").flowId == general.flowId, "a form with a flow keeps it")
            let flows: [ApprovalFlowDTO] = try await f.admin.get("/api/v1/approvals/flows").decode()
            #expect(flows.filter { $0.subject == subject }.count == 1)
            let settings: ApprovalSettingsDTO = try await f.admin.get("/api/v1/approvals/settings").decode()
            #expect(settings.sameApprover == .approveAgain)
            #expect(settings.departmentHeadAbove == "1000.00")
        }
    }
}
