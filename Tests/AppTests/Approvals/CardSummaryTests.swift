import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Inbox cards show what a request is about (issue 8 point 7.4, DingTalk's 摘要): up to three
/// label/value pairs from the form or the document, in the reader's language.
@Suite("Approval card summaries")
struct CardSummaryTests {
    typealias F = ApprovalFixtures

    static func card(_ api: APIClient, _ instance: UUID, box: String = "todo") async throws -> ApprovalSummaryDTO {
        let page: Page<ApprovalSummaryDTO> = try await api.get("/api/v1/approvals/instances?box=\(box)").decode()
        return try #require(page.items.first { $0.id == instance })
    }

    static func pairs(_ card: ApprovalSummaryDTO) -> [String] { card.summary.map { "\($0.label): \($0.value)" } }

    @Test("a built-in form shows its first amount, dates and short fields, in the form's order; amounts in the reader's language")
    func formDefaults() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let michael = try await f.signIn("michael.suyama")
            let trip = try #require(try await michael.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "businessTrip" })
            let answer = try await michael.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: trip.id, values: [
                "destination": "Shanghai", "period": ["start": "2026-03-02", "end": "2026-03-04"], "transport": "plane",
                "estimatedCost": "12500.5", "reason": "Trade fair",
            ]))
            #expect(answer.status == .created, "\(answer.text)")
            let request: ApprovalInstanceDTO = try answer.decode()
            #expect(Self.pairs(request.summary) == ["Destination: Shanghai", "Dates: 2026-03-02 – 2026-03-04", "Estimated cost: $12,500.50"])
            let steven = try await f.signIn("steven.buchanan")
            #expect(Self.pairs(try await Self.card(steven, request.summary.id)) == Self.pairs(request.summary))
            let inChinese = try await Self.card(steven.inLanguage("zh-CN"), request.summary.id)
            #expect(inChinese.summary.last?.value == "US$12,500.50")
        }
    }

    @Test("a form's marked summary fields are shown instead; more than three, or a table column, is refused")
    func markedFields() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            func schema(_ marked: [String]) -> FormSchema {
                FormSchema(fields: [
                    FormField(key: "item", type: .text, label: "Item", summary: marked.contains("item")),
                    FormField(key: "vendor", type: .text, label: "Vendor", summary: marked.contains("vendor")),
                    FormField(key: "urgency", type: .select, label: "Urgency", options: [FormOption(value: "high", label: "High")],
                              summary: marked.contains("urgency")),
                    FormField(key: "price", type: .money, label: "Price", summary: marked.contains("price")),
                    FormField(key: "lines", type: .table, label: "Lines", columns: [
                        FormField(key: "what", type: .text, label: "What", summary: marked.contains("what")),
                    ]),
                ])
            }
            let tooMany = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(name: "Too many", schema: schema(["item", "vendor", "urgency", "price"])))
            #expect(tooMany.status == .unprocessableEntity)
            let column = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(name: "Column", schema: schema(["what"])))
            #expect(try column.error.fields?.map(\.field) == ["schema.fields[4].columns[0].summary"])

            let form: ApprovalFormDTO = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
                name: "Purchase", schema: schema(["vendor", "urgency"]))).decode()
            #expect(form.schema.fields.filter { $0.summary == true }.map(\.key) == ["vendor", "urgency"])
            try await f.flow("form.\(form.id)", [F.approver("m", [ApproverRule(kind: .manager)])])
            let nancy = try await f.signIn("nancy.davolio")
            let request: ApprovalInstanceDTO = try await nancy.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: form.id, values: [
                "item": "Chairs", "vendor": "Tokyo Traders", "urgency": "high", "price": "99",
            ])).decode()
            #expect(Self.pairs(request.summary) == ["Vendor: Tokyo Traders", "Urgency: High"])
        }
    }

    @Test("a sales order's card shows its number, customer and total, labelled in the reader's language")
    func salesOrder() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.flow("sales.order", [F.approver("manager", [ApproverRule(kind: .manager)])])
            let nancy = try await f.signIn("nancy.davolio")
            let order: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input(quantity: "10", price: "1234.5")).decode()
            _ = try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            let mine: Page<ApprovalSummaryDTO> = try await nancy.get("/api/v1/approvals/instances?box=mine").decode()
            let item = try #require(mine.items.first { $0.documentId == order.order.id })
            let card = try await Self.card(f.admin, item.id)
            #expect(Self.pairs(card) == ["Order: \(order.order.number)", "Customer: \(order.order.customerName)", "Total: $12,345.00"])
            let chinese = try await Self.card(f.admin.inLanguage("zh-CN"), item.id)
            #expect(Self.pairs(chinese) == ["订单号: \(order.order.number)", "客户: \(order.order.customerName)", "金额合计: US$12,345.00"])
        }
    }
}
