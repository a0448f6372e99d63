import AfieldAPI
import AfieldTesting
import App
@testable import Approvals
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Custom approval forms (issue 4 point 5): schema checks, value checks, the formula
/// evaluator, the built-in templates and the forms API.
@Suite("Approval forms")
struct ApprovalFormTests {
    static let payment = FormTemplates.all(.en).first { $0.key == "paymentRequest" }!.schema
    static let trip = FormTemplates.all(.en).first { $0.key == "businessTrip" }!.schema

    @Test("every schema problem is listed at its path")
    func schemaProblems() throws {
        let schema = FormSchema(fields: [
            FormField(key: "Amount", type: .money, label: "Amount"),
            FormField(key: "title", type: .text, label: ""),
            FormField(key: "title", type: .text, label: String(repeating: "x", count: 61)),
            FormField(key: "kind", type: .select, label: "Kind", options: []),
            FormField(key: "pick", type: .multiSelect, label: "Pick", options: [.init(value: "a", label: "A"), .init(value: "a", label: "B")]),
            FormField(key: "items", type: .table, label: "Items", columns: [
                FormField(key: "nested", type: .table, label: "Nested", columns: [FormField(key: "x", type: .text, label: "X")]),
                FormField(key: "qty", type: .number, label: "Qty", precision: 7),
            ]),
            FormField(key: "total", type: .computed, label: "Total", formula: "sum(items.qty) + title"),
            FormField(key: "bad", type: .computed, label: "Bad", formula: "2 * (3 +"),
            FormField(key: "a", type: .computed, label: "A", formula: "b + 1"),
            FormField(key: "b", type: .computed, label: "B", formula: "a * 2"),
            FormField(key: "empty", type: .table, label: "Empty", columns: []),
        ])
        let (_, problems) = schema.checked()
        let found = problems.map { "\($0.path) \($0.code)" }
        #expect(found == [
            "fields[0].key approvals.form.key_invalid",
            "fields[1].label field.required",
            "fields[2].label text.too_long",
            "fields[2].key approvals.form.key_duplicate",
            "fields[3].options approvals.form.options_count",
            "fields[4].options[1].value approvals.form.option_duplicate",
            "fields[5].columns[0].type approvals.form.column_type",
            "fields[5].columns[1].precision approvals.form.precision_range",
            "fields[10].columns approvals.form.columns_count",
            "fields[6].formula approvals.form.formula_reference",
            "fields[7].formula approvals.form.formula_syntax",
            "fields[8].formula approvals.form.formula_cycle",
            "fields[9].formula approvals.form.formula_cycle",
        ])
        let tooMany = FormSchema(fields: (0...60).map { FormField(key: "f\($0)", type: .text, label: "F\($0)") })
        #expect(tooMany.checked().1.map(\.code) == ["approvals.form.too_many_fields"])
        for template in FormTemplates.all(.zhCN) + FormTemplates.all(.en) {
            #expect(template.schema.checked().1.isEmpty, "\(template.key)")
        }
    }

    @Test("a payment request's total is exact: 1200.50 + 300.25 + 0.05 = 1500.80; typed scalars for conditions")
    func paymentTotal() throws {
        let form = try FormValidator(schema: Self.payment, currency: .cny).validate([
            "payee": "  Shanghai Paper Co. ", "amount": .number("1500.8"), "dueDate": "2026-12-01",
            "items": [["description": "Paper", "amount": .number("1200.50")], ["description": "Ink", "amount": "300.25"],
                      ["description": "Clips", "amount": .number("0.05")]],
            "total": "999",  // computed by the server, whatever the client says
            "attachments": ["6f1c2a0e-3b1d-4c55-9a77-1234567890ab"],
        ])
        #expect(form.computed["total"] == .string("1500.80"))
        #expect(form.values["amount"] == .string("1500.80"))
        #expect(form.values["payee"] == .string("Shanghai Paper Co."))
        #expect(form.scalar("total") == .money(minorUnits: 150_080))
        #expect(form.scalar("sum(items.amount)") == .money(minorUnits: 150_080))
        #expect(form.scalar("amount") == .money(minorUnits: 150_080))
        #expect(form.scalar("dueDate") == .date("2026-12-01"))
        #expect(form.scalar("payee") == .text("Shanghai Paper Co."))
        #expect(form.scalar("nothing") == nil)
        #expect(form.fileIDs == [UUID(uuidString: "6f1c2a0e-3b1d-4c55-9a77-1234567890ab")!])
        // Stored and read back: the same answers.
        let back = try ValidatedForm(stored: form.json, schema: Self.payment)
        #expect(back.values == form.values)
        #expect(back.computed == form.computed)
        #expect(back.scalar("total") == .money(minorUnits: 150_080))
        // JPY has no minor digits.
        let yen = try FormValidator(schema: Self.payment, currency: Currency(code: "JPY")!).validate([
            "payee": "A", "amount": 1200, "items": [["description": "x", "amount": "1200"]],
        ])
        #expect(yen.computed["total"] == .string("1200"))
        #expect(yen.scalar("total") == .money(minorUnits: 1200))
    }

    @Test("days(period) counts both ends: 2026-11-28 … 2026-12-02 is 5")
    func tripDays() throws {
        let form = try FormValidator(schema: Self.trip, currency: .cny).validate([
            "destination": "Hangzhou", "period": ["start": "2026-11-28", "end": "2026-12-02"], "transport": "train", "reason": "Customer visit",
        ])
        #expect(form.computed["days"] == .string("5"))
        #expect(form.scalar("days") == .number(5))
        #expect(form.scalar("days(period)") == .number(5))
        #expect(form.scalar("transport") == .option("train"))
        let leap = try FormValidator(schema: Self.trip, currency: .cny).validate([
            "destination": "X", "period": ["start": "2028-02-28", "end": "2028-03-01"], "transport": "car", "reason": "r",
        ])
        #expect(leap.computed["days"] == .string("3"))
    }

    @Test("the formula evaluator: precedence, parentheses, exact decimals, division by zero gives no value")
    func expressions() throws {
        let schema = try FormSchema(fields: [
            FormField(key: "a", type: .number, label: "A", precision: 2),
            FormField(key: "b", type: .number, label: "B", precision: 2),
            FormField(key: "c", type: .computed, label: "C", formula: "a + b * 2 - (a - b) / 4"),
            FormField(key: "d", type: .computed, label: "D", formula: "c / (a - a)"),
            FormField(key: "e", type: .computed, label: "E", precision: 4, formula: "0.1 + 0.2 - -c"),
        ]).validated()
        let form = try FormValidator(schema: schema, currency: .usd).validate(["a": "1.10", "b": .number("2.2")])
        // 1.1 + 4.4 - (-1.1 / 4 = -0.275) = 5.775 → 5.78 (half up, 2 digits)
        #expect(form.computed["c"] == .string("5.78"))
        #expect(form.computed["d"] == .null)
        #expect(form.computed["e"] == .string("6.0800"))
        #expect(throws: FormExpression.SyntaxError.self) { try FormExpression.parse("a +* b") }
        #expect(throws: FormExpression.SyntaxError.self) { try FormExpression.parse("max(a)") }
        #expect(throws: FormExpression.SyntaxError.self) { try FormExpression.parse(String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30)) }
    }

    @Test("value problems are listed at once, localised in Chinese")
    func valueProblems() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn().inLanguage("zh-CN")
            let forms: [ApprovalFormDTO] = try await admin.get("/api/v1/approvals/forms").decode()
            let payment = forms.first { $0.templateKey == "paymentRequest" }!
            let answer = try await admin.post("/api/v1/approvals/forms/\(payment.id)/check", json: FormValuesRequest(values: [
                "amount": "12.345", "dueDate": "2026-02-30",
                "items": [["description": "ok", "amount": "1"], ["amount": "abc"], ["description": "x", "amount": "-1", "colour": "red"]],
                "attachments": ["not-an-id"], "colour": "blue",
            ]))
            #expect(answer.status == .unprocessableEntity)
            let fields = try answer.error.fields ?? []
            #expect(fields.map { "\($0.field) \($0.code)" } == [
                "values.colour approvals.value.unknown_field",
                "values.payee approvals.value.required",
                "values.amount approvals.value.too_many_decimals",
                "values.dueDate approvals.value.not_date",
                "values.items[1].description approvals.value.required",
                "values.items[1].amount approvals.value.not_number",
                "values.items[2].colour approvals.value.unknown_field",
                "values.items[2].amount approvals.value.negative",
                "values.attachments[0] approvals.value.not_id",
            ])
            #expect(fields.first { $0.field == "values.amount" }?.message == "最多 2 位小数。")
            #expect(fields.first { $0.field == "values.payee" }?.message == "此项为必填。")
            let trip = forms.first { $0.templateKey == "businessTrip" }!
            let range = try await admin.post("/api/v1/approvals/forms/\(trip.id)/check", json: FormValuesRequest(values: [
                "destination": "杭州", "period": ["start": "2026-12-02", "end": "2026-11-28"], "transport": "rocket", "reason": "拜访客户",
            ]))
            #expect(try range.error.fields?.map { "\($0.field) \($0.code)" } == [
                "values.period approvals.value.range_order", "values.transport approvals.value.unknown_option",
            ])
            let ok: FormSubmissionCheck = try await admin.post("/api/v1/approvals/forms/\(trip.id)/check", json: FormValuesRequest(values: [
                "destination": "杭州", "period": ["start": "2026-11-28", "end": "2026-12-02"], "transport": "train", "reason": "拜访客户",
                "estimatedCost": 3000,
            ])).decode()
            #expect(ok.computed["days"] == .string("5"))
            #expect(ok.values["estimatedCost"] == .string("3000.00"))
        }
    }

    @Test("templates are seeded for the demo company, and for a new company in its language")
    func templates() async throws {
        try await withAfield { app, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let forms: [ApprovalFormDTO] = try await nancy.get("/api/v1/approvals/forms").decode()
            #expect(forms.map(\.templateKey) == FormTemplates.keys)
            #expect(forms.map(\.name) == ["General request", "Business trip", "Outing", "Overtime", "Seal use", "Payment request"])
            let registered = try await client.inLanguage("zh-CN").post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "新公司", name: "张伟", email: "zhang@forms.example", mobile: "+86 138 0013 8000", password: "lotus pond evening"))
            #expect(registered.status == .created)
            var zhang = client.inLanguage("zh-CN")
            zhang.token = try registered.decode(SessionResponse.self).token
            let theirs: [ApprovalFormDTO] = try await zhang.get("/api/v1/approvals/forms").decode()
            #expect(theirs.map(\.name) == ["通用审批", "出差", "外出", "加班", "用章", "付款申请"])
            #expect(theirs.first { $0.templateKey == "sealUse" }?.schema.fields.first?.options?.map(\.label) == ["公章", "合同章", "财务章", "法人章"])
            #expect(Set(theirs.map(\.id)).isDisjoint(with: forms.map(\.id)))
            // Seeding again (the migration's job for existing companies) adds nothing.
            let tenantID = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
            try await FormTemplates.seed(tenantID: tenantID, language: .en, on: app.db)
            #expect(try await nancy.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).count == 6)
            // The migration for companies that existed before forms: fills in what is missing, in each company's language.
            let zhangTenant = try await Tenant.query(on: app.db).filter(\.$slug != DemoCompany.slug).first()!.id!
            try await ApprovalForm.query(on: app.db).filter(\.$tenantID == zhangTenant).delete()
            try await SeedFormTemplates().prepare(on: app.db)
            try await SeedFormTemplates().prepare(on: app.db)
            #expect(try await zhang.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).map(\.name) == ["通用审批", "出差", "外出", "加班", "用章", "付款申请"])
            #expect(try await nancy.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).count == 6)
        }
    }

    @Test("create, change with version (stale → 409 with the current form), archive hides, restore shows; only form managers write")
    func crud() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let schema = FormSchema(fields: [
                FormField(key: "item", type: .text, label: "Item", required: true),
                FormField(key: "qty", type: .number, label: "Quantity", required: true),
                FormField(key: "price", type: .money, label: "Unit price", required: true),
                FormField(key: "total", type: .computed, label: "Total", formula: "qty * price"),
            ])
            let made = try await admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
                key: "purchase", name: "Purchase", description: "Buy things", icon: "cart", category: "Finance", schema: schema))
            #expect(made.status == .created)
            let form: ApprovalFormDTO = try made.decode()
            #expect(form.version == 1)
            #expect(form.schema.fields.map(\.key) == ["item", "qty", "price", "total"])
            let dup = try await admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(key: "purchase", name: "Other", schema: schema))
            #expect(try dup.error.fields?.map { "\($0.field) \($0.code)" } == ["key approvals.form.key_taken"])
            let badSchema = try await admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(name: "", schema: FormSchema(fields: [
                FormField(key: "x", type: .computed, label: "X", formula: "y"),
            ])))
            #expect(try badSchema.error.fields?.map { "\($0.field) \($0.code)" } == [
                "name field.required", "schema.fields[0].formula approvals.form.formula_reference",
            ])

            let checked: FormSubmissionCheck = try await admin.post("/api/v1/approvals/forms/\(form.id)/check",
                                                                     json: FormValuesRequest(values: ["item": "Pens", "qty": 3, "price": "1.35"])).decode()
            #expect(checked.computed["total"] == .string("4.05"))

            var renamed = schema
            renamed.fields[0].label = "Article"
            let changed: ApprovalFormDTO = try await admin.send(.PATCH, "/api/v1/approvals/forms/\(form.id)",
                                                                json: ApprovalFormUpdate(version: 1, name: "Purchase request", schema: renamed)).decode()
            #expect(changed.version == 2)
            #expect(changed.name == "Purchase request")
            #expect(changed.schema.fields[0].label == "Article")
            let stale = try await admin.send(.PATCH, "/api/v1/approvals/forms/\(form.id)", json: ApprovalFormUpdate(version: 1, name: "Late"))
            #expect(stale.status == .conflict)
            #expect(try stale.error.code == "conflict.stale_version")
            let current = try JSONSerialization.jsonObject(with: stale.body) as? [String: Any]
            #expect((current?["current"] as? [String: Any])?["version"] as? Int == 2)

            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.send(.PATCH, "/api/v1/approvals/forms/\(form.id)", json: ApprovalFormUpdate(version: 2, name: "Mine")).status == .forbidden)
            #expect(try await nancy.post("/api/v1/approvals/forms/\(form.id)/archive", json: [String: String]()).status == .forbidden)
            #expect(try await nancy.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).contains { $0.id == form.id })

            let archived: ApprovalFormDTO = try await admin.send(.POST, "/api/v1/approvals/forms/\(form.id)/archive").decode()
            #expect(archived.archived && archived.version == 3)
            #expect(try await nancy.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).contains { $0.id == form.id } == false)
            #expect(try await nancy.get("/api/v1/approvals/forms?archived=true").status == .forbidden)
            #expect(try await admin.get("/api/v1/approvals/forms?archived=true").decode([ApprovalFormDTO].self).map(\.id) == [form.id])
            #expect(try await nancy.post("/api/v1/approvals/forms/\(form.id)/check", json: FormValuesRequest(values: [:])).status == .conflict)
            let restored: ApprovalFormDTO = try await admin.send(.POST, "/api/v1/approvals/forms/\(form.id)/restore").decode()
            #expect(!restored.archived && restored.version == 4)
            #expect(try await nancy.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).contains { $0.id == form.id })

            let actions = try await AuditEntry.query(on: app.db).filter(\.$entity == ApprovalsModule.formAuditEntity).filter(\.$entityID == form.id)
                .sort(\.$seq).all().map(\.action)
            #expect(actions == ["create", "update", "archive", "restore"])
        }
    }
}
