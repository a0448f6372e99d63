import AfieldAPI
import AfieldTesting
import Foundation
import Testing
import ZIPFoundation

/// The employee directory on the shared list (issue 9 point 1): sort, filters per column type,
/// the old query parameters, the bounded count, CSV/XLSX export without sensitive fields.
@Suite("Employee list")
struct EmployeeListTests {
    private func page(_ api: APIClient, _ query: String) async throws -> AfieldAPI.Page<EmployeeDTO> {
        let answer = try await api.get("/api/v1/org/employees?\(query)")
        #expect(answer.status == .ok, "\(query): \(answer.text)")
        return try answer.decode()
    }

    @Test("sorting by name, hire date, department or manager is stable both ways, with the id last; the default is by name")
    func sorting() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let all = try await page(api, "limit=100").items
            #expect(all.count == 9)
            #expect(all.map(\.name) == all.map(\.name).sorted())
            let byHire = try await page(api, "sort=hireDate&limit=100").items
            #expect(byHire.compactMap(\.hireDate) == all.compactMap(\.hireDate).sorted())
            let byHireDown = try await page(api, "sort=-hireDate&limit=100").items
            #expect(byHireDown.compactMap(\.hireDate) == all.compactMap(\.hireDate).sorted(by: >))
            let byName = try await page(api, "sort=-name&limit=100").items
            #expect(byName.map(\.name) == all.map(\.name).sorted(by: >))
            // A reference column sorts by the name shown; equal names keep a stable order by id.
            let byDepartment = try await page(api, "sort=departmentName,name&limit=100").items
            #expect(byDepartment.map { $0.departmentName ?? "" } == all.map { $0.departmentName ?? "" }.sorted())
            let pages = try await page(api, "sort=departmentName&limit=4&page=1").items + page(api, "sort=departmentName&limit=4&page=2").items
                + page(api, "sort=departmentName&limit=4&page=3").items
            #expect(Set(pages.map(\.id)).count == 9, "pages neither repeat nor skip anyone")
            #expect(try await page(api, "sort=managerName&limit=100").items.count == 9)
            let bad = try await api.get("/api/v1/org/employees?sort=salary")
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.error.fields?.first?.code == "list.invalid_sort")
        }
    }

    @Test("filters by type: a department (the old parameter), text contains, a hire-date range, archived, q and account=active")
    func filters() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let all = try await page(api, "limit=100").items
            let sales = try #require(all.first { $0.name == "Steven Buchanan" }?.departmentId)
            let inSales = try await page(api, "department=\(sales)&limit=100")
            #expect(inSales.items.map(\.name) == all.filter { $0.departmentId == sales }.map(\.name))
            #expect(inSales.total == inSales.items.count)
            #expect(try await page(api, "q=King").items.map(\.name) == ["Robert King"])
            #expect(try await page(api, "title=sales%20rep&limit=100").items.map(\.name)
                    == all.filter { ($0.title ?? "").lowercased().contains("sales rep") }.map(\.name))
            let hired = try await page(api, "hireDateFrom=1993-01-01&hireDateTo=1993-12-31&limit=100").items
            #expect(hired.map(\.name) == all.filter { ($0.hireDate ?? "").hasPrefix("1993") }.map(\.name))
            #expect(try await page(api, "archived=true").total == 0)
            #expect(try await page(api, "archived=false").total == 9)
            #expect(try await page(api, "account=active&limit=100").items.count == all.filter { $0.userId != nil && !$0.archived }.count)
            let wrong = try await api.get("/api/v1/org/employees?account=all")
            #expect(try wrong.error.fields?.first?.code == "org.employee.account_filter_invalid")
            #expect(try await api.get("/api/v1/org/employees?hireDateFrom=1993-13-01").status == .unprocessableEntity)
        }
    }

    @Test("export: CSV with BOM and headers in the reader's language, the chosen columns in order and the sort; XLSX opens; no sensitive fields")
    func export() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let all = try await page(api, "sort=hireDate&limit=100").items
            let csv = try await api.send(.GET, "/api/v1/org/employees/export?columns=name,hireDate,departmentName&sort=hireDate",
                                         headers: [("Accept-Language", "zh-CN")])
            #expect(csv.status == .ok)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = String(decoding: csv.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
            #expect(lines.first == "姓名,入职日期,部门")
            #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == all.map(\.name))
            #expect(lines.count == 10)
            let english = try await api.send(.GET, "/api/v1/org/employees/export?columns=name,archived&q=King", headers: [("Accept-Language", "en")])
            #expect(String(decoding: english.body.dropFirst(3), as: UTF8.self) == "Name,Archived\r\nRobert King,No\r\n")
            #expect(try await api.get("/api/v1/org/employees/export?columns=name,salary").status == .unprocessableEntity)
            let xlsx = try await api.get("/api/v1/org/employees/export?format=xlsx&columns=name,hireDate")
            #expect(xlsx.headers.first(name: .contentDisposition) == "attachment; filename=\"employees.xlsx\"")
            let archive = try Archive(data: xlsx.body, accessMode: .read)
            var sheet = Data()
            _ = try archive.extract(archive["xl/worksheets/sheet1.xml"]!) { sheet.append($0) }
            #expect(String(decoding: sheet, as: UTF8.self).contains("Robert King"))
            // The HR export with sensitive fields stays where it was.
            let hr = try await api.get("/api/v1/org/employees/export.csv")
            #expect(hr.text.contains("code,name,title,department"))
        }
    }

    @Test("the list and its export need org.read; the list info names the columns in the reader's language")
    func permissionAndInfo() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let info: ListInfoDTO = try await api.send(.GET, "/api/v1/lists/org.employees", headers: [("Accept-Language", "en")]).decode()
            #expect(info.defaultColumns == ["name", "title", "departmentName", "positionName", "siteName", "managerName", "hireDate"])
            #expect(info.columns.first { $0.key == "departmentName" }?.filterParams == ["department"])
            #expect(info.columns.first { $0.key == "hireDate" }?.header == "Hire date")
            #expect(info.bulkActions.isEmpty)
            let registered = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "Other Co", name: "Mallory", email: "mallory@other.example", mobile: "+86 138 0013 8000", password: "other company pw"))
            var other = client
            other.token = try registered.decode(SessionResponse.self).token
            let theirs: AfieldAPI.Page<EmployeeDTO> = try await other.get("/api/v1/org/employees?limit=100").decode()
            #expect(!theirs.items.map(\.name).contains("Robert King"), "another company's directory is its own")
        }
    }
}
