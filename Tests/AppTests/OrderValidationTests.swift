import AfieldAPI
import AfieldTesting
import Foundation
import Sales
import Testing

/// Bad input → 4xx with a code and a localised message, and nothing stored (issue 2, point 7).
@Suite("Order input validation")
struct OrderValidationTests {
    /// Sends `body` to create and checks status, the field's code and the message in both languages.
    private func expectRejected(_ api: APIClient, raw: String, status: UInt, field: String?, code: String,
                                en: String, zh: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let count = try await api.app.db.query(SalesOrder.self).count()
        for (language, message) in [("en", en), ("zh-CN", zh)] {
            let answer = try await api.inLanguage(language).send(.POST, "/api/v1/sales/orders", raw: raw)
            #expect(answer.status.code == status, sourceLocation: sourceLocation)
            let error = try answer.error
            if let field {
                let problem = error.fields?.first { $0.field == field }
                #expect(problem?.code == code, "\(answer.text)", sourceLocation: sourceLocation)
                #expect(problem?.message == message, sourceLocation: sourceLocation)
            } else {
                #expect(error.code == code, sourceLocation: sourceLocation)
                #expect(error.message == message, sourceLocation: sourceLocation)
            }
        }
        #expect(try await api.app.db.query(SalesOrder.self).count() == count, "nothing stored", sourceLocation: sourceLocation)
    }

    private func json(_ input: OrderInput) throws -> String { String(decoding: try JSONEncoder().encode(input), as: UTF8.self) }

    @Test("unknown customer")
    func unknownCustomer() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            var input = try await OrderFixtures.load(api).input()
            input.customerId = UUID()
            try await expectRejected(api, raw: try json(input), status: 422, field: "customerId", code: "sales.order.unknown_customer",
                                     en: "Choose an existing customer.", zh: "请选择已有客户。")
        }
    }

    @Test("quantity zero or negative", arguments: ["0", "-3", "0.0000"])
    func quantityNotPositive(quantity: String) async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input(quantity: DecimalText(quantity))
            try await expectRejected(api, raw: try json(input), status: 422, field: "lines[0].quantity", code: "sales.order.quantity_not_positive",
                                     en: "Quantity must be greater than 0.", zh: "数量必须大于 0。")
        }
    }

    @Test("discount above 100 %")
    func discountTooHigh() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input(discount: "100.01")
            try await expectRejected(api, raw: try json(input), status: 422, field: "lines[0].discountPercent",
                                     code: "sales.order.discount_out_of_range",
                                     en: "Discount must be between 0 and 100 %.", zh: "折扣必须在 0 到 100% 之间。")
        }
    }

    @Test("text where a number belongs")
    func textForNumber() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input(quantity: "two")
            try await expectRejected(api, raw: try json(input), status: 422, field: "lines[0].quantity", code: "number.not_a_number",
                                     en: "Enter a number.", zh: "请输入数字。")
            let priced = try await OrderFixtures.load(api).input(price: "12.345")
            try await expectRejected(api, raw: try json(priced), status: 422, field: "lines[0].unitPrice", code: "number.too_many_decimals",
                                     en: "Use at most 2 decimal places.", zh: "最多保留 2 位小数。")
            let fixtures = try await OrderFixtures.load(api)
            try await expectRejected(api, raw: #"{"customerId":"\#(fixtures.customer)","lines":[{"productId":"\#(fixtures.product)","quantity":true}]}"#,
                                     status: 422, field: "lines[0].quantity", code: "request.invalid_value",
                                     en: "This value has the wrong type or format.", zh: "该值的类型或格式不正确。")
        }
    }

    @Test("unknown or discontinued product")
    func unknownProduct() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            var input = fixtures.input()
            input.lines![0].productId = UUID()
            try await expectRejected(api, raw: try json(input), status: 422, field: "lines[0].productId", code: "sales.order.unknown_product",
                                     en: "Choose an existing product.", zh: "请选择已有产品。")
            input.lines![0].productId = fixtures.discontinued
            try await expectRejected(api, raw: try json(input), status: 422, field: "lines[0].productId", code: "sales.order.product_archived",
                                     en: "This product is discontinued.", zh: "该产品已停售。")
        }
    }

    @Test("malformed JSON body")
    func malformedJSON() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            try await expectRejected(api, raw: #"{"customerId": "#, status: 400, field: nil, code: "request.malformed_json",
                                     en: "The request body is not valid JSON.", zh: "请求内容不是有效的 JSON。")
        }
    }

    @Test("no lines, and every problem reported at once")
    func allProblemsAtOnce() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            try await expectRejected(api, raw: #"{"customerId":"\#(fixtures.customer)","lines":[]}"#, status: 422, field: "lines",
                                     code: "sales.order.no_lines", en: "Add at least one product line.", zh: "请至少添加一行产品。")
            let raw = #"{"lines":[{"productId":"\#(fixtures.product)","quantity":"0","discountPercent":"120"}],"orderDate":"2026-02-30"}"#
            let answer = try await api.send(.POST, "/api/v1/sales/orders/preview", raw: raw)
            #expect(answer.status == .unprocessableEntity)
            #expect(try answer.error.fields?.map(\.field) == ["customerId", "orderDate", "lines[0].quantity", "lines[0].discountPercent"])
        }
    }
}
