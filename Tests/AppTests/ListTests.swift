import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import SQLKit
import Testing
import Vapor
import ZIPFoundation

/// The shared list mechanism (issue 9 point 1) on the demo company's orders and customers:
/// sort, filters, counts, columns and saved filters per user, exports, bulk actions, background
/// exports, and the plan of the default orders page.
@Suite("Lists")
struct ListTests {
    static let nancy = "nancy.davolio@northwind.example"
    static let janet = "janet.leverling@northwind.example"

    /// Every order of the list in `sort`, read 100 at a time.
    private func allOrders(_ api: APIClient, _ query: String) async throws -> [OrderSummary] {
        var items: [OrderSummary] = []
        for page in 1...20 {
            let answer: AfieldAPI.Page<OrderSummary> = try await api.get("/api/v1/sales/orders?\(query)&limit=100&page=\(page)").decode()
            items += answer.items
            if answer.items.count < 100 { break }
        }
        return items
    }

    @Test("sorting by a text, day, money, reference or state column is stable across pages, both ways, with the id last",
          arguments: ["number", "-number", "orderDate", "-orderDate", "total", "-total", "customerName", "-customerName", "state", "-state,number"])
    func sortIsStable(sort: String) async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let items = try await allOrders(api, "sort=\(sort)")
            #expect(items.count == 830)
            #expect(Set(items.map(\.id)).count == 830)
            let descending = sort.hasPrefix("-")
            let key = String(sort.dropFirst(descending ? 1 : 0).split(separator: ",")[0])
            func value(_ o: OrderSummary) -> String {
                switch key {
                case "number": o.number
                case "orderDate": o.orderDate
                case "total": String(format: "%015.2f", Double(o.total)!)
                case "customerName": o.customerName
                default: o.state
                }
            }
            for (a, b) in zip(items, items.dropFirst()) {
                let (x, y) = (value(a), value(b))
                if key == "customerName" {
                    // Databases may collate names differently from Swift; equal names stay together.
                    continue
                }
                #expect(descending ? x >= y : x <= y, "\(x) then \(y)")
            }
        }
    }

    @Test("an unknown sort key is a 422 in the reader's language; a blank sort is the default order")
    func unknownSortKey() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let en = try await api.send(.GET, "/api/v1/sales/orders?sort=-price", headers: [("Accept-Language", "en")])
            #expect(en.status == .unprocessableEntity)
            #expect(try en.error.fields?.first?.code == "list.invalid_sort")
            #expect(try en.error.fields?.first?.message == "This list cannot be sorted by “price”.")
            let zh = try await api.send(.GET, "/api/v1/sales/orders?sort=price", headers: [("Accept-Language", "zh-CN")])
            #expect(try zh.error.fields?.first?.message == "此列表不能按“price”排序。")
            let blank: AfieldAPI.Page<OrderSummary> = try await api.get("/api/v1/sales/orders?sort=%20&limit=5").decode()
            let plain: AfieldAPI.Page<OrderSummary> = try await api.get("/api/v1/sales/orders?limit=5").decode()
            #expect(blank.items.map(\.id) == plain.items.map(\.id))
            #expect(try await api.get("/api/v1/partners/customers?sort=total").status == .unprocessableEntity)
        }
    }

    @Test("filters by type: state is one of, a day range, a money range, a reference, a text contains")
    func filtersByType() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            func total(_ query: String) async throws -> Int {
                try await api.get("/api/v1/sales/orders?\(query)&limit=1").decode(AfieldAPI.Page<OrderSummary>.self).total
            }
            let all = try await allOrders(api, "sort=number")
            let delivered = all.filter { $0.state == "delivered" }.count
            let confirmed = all.filter { $0.state == "confirmed" }.count
            #expect(try await total("state=delivered,confirmed") == delivered + confirmed)
            #expect(try await api.get("/api/v1/sales/orders?state=delivered,shipped").status == .unprocessableEntity)
            #expect(try await total("from=1997-01-01&to=1997-12-31") == all.filter { $0.orderDate.hasPrefix("1997") }.count)
            let big = all.filter { Decimal(string: $0.total)! >= 1000 && Decimal(string: $0.total)! <= 2000 }.count
            #expect(try await total("totalMin=1000&totalMax=2000") == big)
            let alfki = all.first { $0.customerName == "Alfreds Futterkiste" }!
            #expect(try await total("customer=\(alfki.customerId)") == all.filter { $0.customerId == alfki.customerId }.count)
            #expect(try await total("number=1024") == all.filter { $0.number.lowercased().contains("1024") }.count)
            let berlin: AfieldAPI.Page<PartnerSummary> = try await api.get("/api/v1/partners/customers?city=berl").decode()
            #expect(berlin.items.map(\.city) == ["Berlin"])
            #expect(try await api.get("/api/v1/sales/orders?totalMin=abc").status == .unprocessableEntity)
        }
    }

    @Test("column choice and saved filters belong to one user: another user does not see them; deleting one removes it")
    func preferencesPerUser() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let fresh: ListInfoDTO = try await admin.get("/api/v1/lists/sales.orders").decode()
            #expect(fresh.chosenColumns == nil)
            #expect(fresh.defaultColumns == ["number", "orderDate", "customerName", "salespersonName", "state", "total"])
            #expect(fresh.columns.first { $0.key == "orderDate" }?.filterParams == ["from", "to"])
            let chosen: ListInfoDTO = try await admin.send(.PUT, "/api/v1/lists/sales.orders/columns",
                                                           json: ListColumnsInput(columns: ["total", "number", "customerName"])).decode()
            #expect(chosen.chosenColumns == ["total", "number", "customerName"])
            let bad = try await admin.send(.PUT, "/api/v1/lists/sales.orders/columns", json: ListColumnsInput(columns: ["number", "price"]))
            #expect(bad.status == .unprocessableEntity)
            let saved = try await admin.post("/api/v1/lists/sales.orders/filters",
                                             json: SavedListFilterInput(name: "Drafts of 1998", query: "state=draft&from=1998-01-01&sort=-total"))
            #expect(saved.status == .created)
            let filter: SavedListFilterDTO = try saved.decode()
            #expect(try await admin.post("/api/v1/lists/sales.orders/filters", json: SavedListFilterInput(name: "x", query: "secret=1")).status
                    == .unprocessableEntity)
            let again: ListInfoDTO = try await admin.get("/api/v1/lists/sales.orders").decode()
            #expect(again.chosenColumns == ["total", "number", "customerName"])
            #expect(again.savedFilters.map(\.name) == ["Drafts of 1998"])
            #expect(again.savedFilters.first?.query == "state=draft&from=1998-01-01&sort=-total")
            let hers: ListInfoDTO = try await nancy.get("/api/v1/lists/sales.orders").decode()
            #expect(hers.chosenColumns == nil)
            #expect(hers.savedFilters.isEmpty)
            #expect(try await nancy.send(.DELETE, "/api/v1/lists/sales.orders/filters/\(filter.id)").status == .notFound)
            #expect(try await admin.send(.DELETE, "/api/v1/lists/sales.orders/filters/\(filter.id)").status == .noContent)
            #expect(try await admin.get("/api/v1/lists/sales.orders").decode(ListInfoDTO.self).savedFilters.isEmpty)
            #expect(try await admin.get("/api/v1/lists/sales.nothing").status == .notFound)
        }
    }

    @Test("CSV export: UTF-8 with BOM, headers in the reader's language, only the chosen columns in order, the sort")
    func csvExport() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let first = try await api.get("/api/v1/sales/orders?sort=number&limit=2").decode(AfieldAPI.Page<OrderSummary>.self).items
            let ids = first.map(\.id.uuidString).joined(separator: ",")
            let answer = try await api.send(.GET, "/api/v1/sales/orders/export?format=csv&columns=number,customerName,total&sort=-number&ids=\(ids)",
                                            headers: [("Accept-Language", "zh-CN")])
            #expect(answer.status == .ok)
            #expect(answer.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(Array(answer.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = String(decoding: answer.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
            #expect(lines == ["订单号,客户,合计", "\(first[1].number),\(first[1].customerName),\(first[1].total)",
                              "\(first[0].number),\(first[0].customerName),\(first[0].total)"])
            let english = try await api.send(.GET, "/api/v1/sales/orders/export?columns=state,number&ids=\(first[0].id)", headers: [("Accept-Language", "en")])
            let state = ["draft": "Draft", "pending": "Awaiting approval", "confirmed": "Confirmed", "delivered": "Delivered", "cancelled": "Cancelled"]
            #expect(String(decoding: english.body.dropFirst(3), as: UTF8.self) == "Status,Number\r\n\(state[first[0].state]!),\(first[0].number)\r\n")
            // The old address answers the same rows.
            let old = try await api.get("/api/v1/sales/orders/export.csv?ids=\(first[0].id)&columns=number")
            #expect(old.text.hasSuffix("\(first[0].number)\r\n"))
        }
    }

    @Test("an export has the list's data scope: a salesperson exports only her own orders, even when she selects others")
    func exportScope() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let csv = try await nancy.get("/api/v1/sales/orders/export?format=csv&columns=number,salespersonName")
            let rows = String(decoding: csv.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n").dropFirst()
            #expect(rows.count == 123)
            #expect(rows.allSatisfy { $0.hasSuffix(",Nancy Davolio") })
            let others = try await admin.get("/api/v1/sales/orders?limit=3&salesperson=\(try #require(try await salesperson(admin, "Steven")))")
                .decode(AfieldAPI.Page<OrderSummary>.self).items
            let selected = try await nancy.get("/api/v1/sales/orders/export?columns=number&ids=\(others.map(\.id.uuidString).joined(separator: ","))")
            #expect(String(decoding: selected.body.dropFirst(3), as: UTF8.self) == "Number\r\n")
            let mine = try await admin.get("/api/v1/sales/orders/export?columns=number&sort=number&ids=\(others.map(\.id.uuidString).joined(separator: ","))")
            #expect(String(decoding: mine.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n").count == 4)
            // A selection of 150 orders is one query parameter of 5,549 characters: allowed for ids.
            let many = try await admin.get("/api/v1/sales/orders?limit=150").decode(AfieldAPI.Page<OrderSummary>.self).items
            let selection = try await admin.get("/api/v1/sales/orders/export?columns=number&ids=\(many.map(\.id.uuidString).joined(separator: ","))")
            #expect(selection.status == .ok)
            #expect(String(decoding: selection.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n").count == 151)
        }
    }

    private func salesperson(_ api: APIClient, _ prefix: String) async throws -> UUID? {
        try await api.get("/api/v1/sales/salespeople?limit=200").decode(AfieldAPI.Page<SalespersonDTO>.self).items.first { $0.name.hasPrefix(prefix) }?.id
    }

    @Test("XLSX export reads back: a ZIP with the workbook parts, headers and numbers as numbers; openpyxl and LibreOffice open it when installed")
    func xlsxExport() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let first = try await api.get("/api/v1/sales/orders?sort=number&limit=3").decode(AfieldAPI.Page<OrderSummary>.self).items
            let answer = try await api.send(.GET, "/api/v1/sales/orders/export?format=xlsx&columns=number,customerName,total&sort=number&ids=\(first.map(\.id.uuidString).joined(separator: ","))",
                                            headers: [("Accept-Language", "en")])
            #expect(answer.status == .ok)
            #expect(answer.headers.first(name: .contentType) == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(answer.headers.first(name: .contentDisposition) == "attachment; filename=\"sales-orders.xlsx\"")
            let archive = try Archive(data: answer.body, accessMode: .read)
            #expect(Set(archive.map(\.path)) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                  "xl/styles.xml", "xl/worksheets/sheet1.xml"])
            var sheet = Data()
            _ = try archive.extract(archive["xl/worksheets/sheet1.xml"]!) { sheet.append($0) }
            let xml = String(decoding: sheet, as: UTF8.self)
            #expect(xml.contains("<t xml:space=\"preserve\">Number</t>"))
            #expect(xml.contains("<t xml:space=\"preserve\">\(first[0].number)</t>"))
            #expect(xml.contains("<v>\(first[0].total)</v>"))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("afield-list-\(UUID().uuidString).xlsx")
            try answer.body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            // openpyxl (when the machine has it): headers, the first row, the total as a number.
            if let out = run("/usr/bin/env", ["python3", "-c", """
                import sys, openpyxl
                ws = openpyxl.load_workbook(sys.argv[1]).active
                rows = list(ws.iter_rows(values_only=True))
                print(rows[0]); print(rows[1][0], type(rows[2][2]).__name__, len(rows))
                """, file.path]) {
                let lines = out.split(separator: "\n")
                #expect(lines.first == "('Number', 'Customer', 'Total')")
                #expect(lines.last == "\(first[0].number) float 4" || lines.last == "\(first[0].number) int 4")
            }
            // LibreOffice (when installed) converts it to CSV.
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("afield-soffice-\(UUID().uuidString)")
                // Filter options 44,34,76: comma-separated, double quotes, UTF-8.
                _ = run("/usr/bin/env", ["HOME=\(folder.path)", "/usr/bin/soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                                         "--outdir", folder.path, file.path])
                let csv = try String(contentsOf: folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".csv"), encoding: .utf8)
                #expect(csv.hasPrefix("Number,Customer,Total\n\(first[0].number),"), "\(csv)")
                try? FileManager.default.removeItem(at: folder)
            }
        }
    }

    /// Runs a program; its standard output, or nil when it failed.
    private func run(_ path: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    @Test("bulk assign reports per order: done, refused (not a draft) and refused (outside the caller's scope); each done one is audited")
    func bulkAssign() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let input = try await OrderFixtures.load(admin).input()
            let steven = try #require(try await salesperson(admin, "Steven"))
            let nancyID = try #require(try await salesperson(admin, "Nancy"))
            // Nancy's own draft, a confirmed order of hers, and an order of Steven's she cannot see.
            let draft: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: input).decode()
            #expect(draft.order.salespersonId == nancyID)
            let confirmed = try await nancy.get("/api/v1/sales/orders?state=delivered&limit=1").decode(AfieldAPI.Page<OrderSummary>.self).items[0]
            let hidden = try await admin.get("/api/v1/sales/orders?salesperson=\(steven)&limit=1").decode(AfieldAPI.Page<OrderSummary>.self).items[0]
            // The administrator gives Nancy's draft and a delivered order to Steven.
            let answer = try await admin.send(.POST, "/api/v1/sales/orders/bulk/assign-salesperson",
                                              json: ListBulkRequest(ids: [draft.order.id, confirmed.id], value: steven.uuidString),
                                              headers: [("Accept-Language", "en")])
            #expect(answer.status == .ok)
            let result: ListBulkResultDTO = try answer.decode()
            #expect(result.items.map(\.outcome) == ["done", "refused"])
            #expect(result.items.map(\.id) == [draft.order.id, confirmed.id])
            #expect(result.items[1].code == "sales.order.not_editable")
            #expect(result.items[1].message?.isEmpty == false)
            #expect(result.done == 1 && result.refused == 1)
            let after: OrderDetail = try await admin.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(after.order.salespersonId == steven)
            let history: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?entity=sales.order&record=\(draft.order.id)").decode()
            #expect(history.items.map(\.action).sorted() == ["create", "update"])
            #expect(try await admin.get("/api/v1/sales/orders/\(confirmed.id)").decode(OrderDetail.self).order.version == confirmed.version)
            // Nancy: an order of Steven's is outside her scope, refused as unknown; her own new draft is done.
            let mine: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: input).decode()
            let hers: ListBulkResultDTO = try await nancy.send(.POST, "/api/v1/sales/orders/bulk/assign-salesperson",
                                                               json: ListBulkRequest(ids: [hidden.id, mine.order.id], value: nancyID.uuidString)).decode()
            #expect(hers.items.map(\.outcome) == ["refused", "done"])
            #expect(hers.items[0].code == "not_found")
            #expect(try await admin.get("/api/v1/sales/orders/\(hidden.id)").decode(OrderDetail.self).order.version == hidden.version)
            // Without sales.order.write the bulk route is closed, as the single edit is.
            let reader = try await admin.post("/api/v1/auth/roles", json: NewRoleRequest(name: "Order reader", permissions: ["sales.order.read"]))
            #expect(reader.status == .created)
            let li: NewUserResponse = try await admin.post("/api/v1/auth/users", json: NewUserRequest(
                name: "Li Na", email: "li.na@northwind.example", roles: [try reader.decode(RoleDTO.self).key])).decode()
            var session = try await client.signedIn("li.na@northwind.example", li.temporaryPassword)
            _ = try await session.post("/api/v1/auth/password", json: ChangePasswordRequest(current: li.temporaryPassword, new: "plum blossom river"))
            session = try await client.signedIn("li.na@northwind.example", "plum blossom river")
            #expect(try await session.post("/api/v1/sales/orders/bulk/assign-salesperson", json: ListBulkRequest(ids: [mine.order.id], value: nancyID.uuidString))
                .status == .forbidden)
            let none = try await nancy.send(.POST, "/api/v1/sales/orders/bulk/assign-salesperson", json: ListBulkRequest(ids: [draft.order.id]))
            #expect(none.status == .unprocessableEntity)
        }
    }

    @Test("bulk archive of customers needs the write permission; archived customers leave the default list and can be restored")
    func bulkArchive() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let two = try await admin.get("/api/v1/partners/customers?limit=2").decode(AfieldAPI.Page<PartnerSummary>.self)
            let ids = two.items.map(\.id)
            let result: ListBulkResultDTO = try await admin.post("/api/v1/partners/customers/bulk/archive", json: ListBulkRequest(ids: ids)).decode()
            #expect(result.done == 2)
            let after = try await admin.get("/api/v1/partners/customers?limit=1").decode(AfieldAPI.Page<PartnerSummary>.self)
            #expect(after.total == two.total - 2)
            let archived = try await admin.get("/api/v1/partners/customers?archived=only").decode(AfieldAPI.Page<PartnerSummary>.self)
            #expect(Set(archived.items.map(\.id)) == Set(ids))
            let restored: ListBulkResultDTO = try await admin.post("/api/v1/partners/customers/bulk/unarchive", json: ListBulkRequest(ids: ids)).decode()
            #expect(restored.done == 2)
            let entries: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?entity=partners.partner&record=\(ids[0])").decode()
            #expect(Array(entries.items.map(\.action).prefix(2)) == ["unarchive", "archive"])
            // Products have no write permission: a reader cannot reach a partner bulk action either.
            let nancy = try await client.signedIn(Self.nancy)
            #expect(try await nancy.post("/api/v1/partners/suppliers/bulk/archive", json: ListBulkRequest(ids: ids)).status == .forbidden)
        }
    }

    @Test("a large export runs as a job: refused directly, then queued, run, its progress and file read by its owner only")
    func backgroundExport() async throws {
        try await withAfield { app, client in
            app.lists.directExportLimit = 100
            let admin = try await client.signedIn()
            let direct = try await admin.get("/api/v1/sales/orders/export?format=xlsx")
            #expect(direct.status == .unprocessableEntity)
            #expect(try direct.error.code == "list.export_too_large")
            let info: ListInfoDTO = try await admin.get("/api/v1/lists/sales.orders").decode()
            #expect(info.directExportLimit == 100)
            let started = try await admin.post("/api/v1/sales/orders/exports", json: ListExportRequest(format: "csv", query: "sort=number&columns=number,total"))
            #expect(started.status == .accepted)
            let job: ListExportJobDTO = try started.decode()
            #expect(job.state == "queued")
            #expect(try await admin.get("/api/v1/lists/exports/\(job.id)/file").status == .conflict)
            #expect(try await app.jobs.runDue() == 1)
            let done: ListExportJobDTO = try await admin.get("/api/v1/lists/exports/\(job.id)").decode()
            #expect(done.state == "done")
            #expect(done.rowsDone == 830)
            #expect(done.rowsTotal == 830)
            #expect(done.fileName == "sales-orders.csv")
            let file = try await admin.get("/api/v1/lists/exports/\(job.id)/file")
            #expect(file.status == .ok)
            let lines = String(decoding: file.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(lines.count == 831)
            #expect(lines[0] == "Number,Total")
            let firstNumber = try await admin.get("/api/v1/sales/orders?sort=number&limit=1").decode(AfieldAPI.Page<OrderSummary>.self).items[0].number
            #expect(lines[1].hasPrefix("\(firstNumber),"))
            let nancy = try await client.signedIn(Self.nancy)
            #expect(try await nancy.get("/api/v1/lists/exports/\(job.id)").status == .notFound)
            #expect(try await nancy.get("/api/v1/lists/exports/\(job.id)/file").status == .notFound)
            // Nancy's own background export keeps her scope.
            let hers: ListExportJobDTO = try await nancy.post("/api/v1/sales/orders/exports", json: ListExportRequest(format: "xlsx", query: "")).decode()
            #expect(try await app.jobs.runDue() == 1)
            #expect(try await nancy.get("/api/v1/lists/exports/\(hers.id)").decode(ListExportJobDTO.self).rowsDone == 123)
            #expect(try await admin.post("/api/v1/sales/orders/exports", json: ListExportRequest(format: "pdf", query: "")).status == .unprocessableEntity)
        }
    }

    @Test("the default orders page reads an index in the list's order: no temporary B-tree for ORDER BY (SQLite plan)")
    func defaultPagePlan() async throws {
        try await withAfield { app, _ in
            guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
            let tenant = try #require(try await Tenant.query(on: app.db).first()?.id)
            let list = try #require(ListRegistry.list("sales.orders"))
            let context = ListRunContext(db: app.db, tenantID: tenant, userID: UUID(), scope: nil, timeZone: .gmt, language: .en,
                                         catalog: app.afield.catalog)
            let plan = try await list.plan({ _ in nil }, context: context)
            #expect(plan.contains { $0.contains("sales_orders_list_date") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            let filtered = try await list.plan({ $0 == "state" ? "draft" : nil }, context: context)
            #expect(!filtered.contains { $0.contains("TEMP B-TREE") }, "\(filtered)")
            let byTotal = try await list.plan({ $0 == "sort" ? "-total" : nil }, context: context)
            #expect(byTotal.contains { $0.contains("sales_orders_list_total") } && !byTotal.contains { $0.contains("TEMP B-TREE") }, "\(byTotal)")
        }
    }
}
