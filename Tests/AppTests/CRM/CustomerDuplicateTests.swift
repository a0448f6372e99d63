import AfieldAPI
import AfieldTesting
import Foundation
import Partners
import Testing

/// Issue 12 point 2: the customer profile and 查重 on create and edit.
@Suite("CRM: customer profile and duplicate checks")
struct CustomerDuplicateTests {
    @Test("a customer's profile: level, tax id by its check digit, divisions nested, coordinates in pairs, credit limit in the company currency")
    func profile() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            var input = PartnerInput(name: "华为技术有限公司", phone: "+86 755 2878 0808")
            input.level = "a"
            input.industry = "通信设备"
            input.source = "exhibition"
            input.tags = ["战略客户", "华南", "战略客户"]
            input.taxId = "914403001922038216"
            input.creditLimit = "500000.00"
            input.paymentTermsDays = 30
            input.provinceCode = "44"
            input.cityCode = "4403"
            input.districtCode = "440307"
            input.latitude = "22.6573"
            input.longitude = "114.0606"
            let made = try await nancy.post("/api/v1/partners/customers", json: input)
            #expect(made.status == .created, "\(made.text)")
            let customer: PartnerDetail = try made.decode()
            let profile = try #require(customer.profile)
            #expect(profile.level == "A")
            #expect(profile.tags == ["战略客户", "华南"])
            #expect(profile.taxId == "914403001922038216")
            #expect(profile.creditLimit == "500000.00")
            #expect(profile.divisionName == "广东省 深圳市 龙岗区")
            #expect(profile.ownerName == "Nancy Davolio")
            #expect(profile.currency == "USD" || profile.currency == "CNY")

            var bad = PartnerInput(name: "Bad Profile")
            bad.level = "D"
            bad.taxId = "914403001922038217"
            bad.provinceCode = "31"
            bad.cityCode = "4403"
            bad.latitude = "22.5"
            bad.creditLimit = "-1"
            bad.paymentTermsDays = 400
            let refused = try await nancy.post("/api/v1/partners/customers", json: bad)
            #expect(refused.status == .unprocessableEntity)
            let codes = Dictionary(uniqueKeysWithValues: try refused.error.fields!.map { ($0.field, $0.code) })
            #expect(codes == ["level": "field.not_allowed", "taxId": "partners.tax_id.check_digit", "cityCode": "division.mismatch",
                              "longitude": "org.site.coordinates_pair", "creditLimit": "number.negative", "paymentTermsDays": "number.range"])
            let zh = try await nancy.inLanguage("zh-CN").post("/api/v1/partners/customers", json: bad)
            #expect(try zh.error.fields!.first { $0.field == "taxId" }?.message == "统一社会信用代码有误：校验码不符。")

            let edited = try await nancy.send(.PATCH, "/api/v1/partners/customers/\(customer.id)",
                                              json: { var u = PartnerUpdate(version: customer.version); u.districtCode = "440305"; u.tags = []; return u }())
            #expect(edited.status == .ok, "\(edited.text)")
            let after: PartnerDetail = try edited.decode()
            #expect(after.profile?.divisionName == "广东省 深圳市 南山区")
            #expect(after.profile?.tags == [])
            #expect(after.version == customer.version + 1)
        }
    }

    @Test("duplicate check: same name without its legal form, same phone, same tax id block; near names warn; others' customers are masked")
    func duplicates() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            var input = PartnerInput(name: "上海华为技术有限公司", phone: "021-6234 5678")
            input.taxId = "91330100716105852F"
            let made: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: input).decode()

            let janet = try await client.signedIn("janet.leverling@northwind.example")
            let sameName = try await janet.post("/api/v1/partners/customers", json: PartnerInput(name: "上海华为技术 股份有限公司"))
            #expect(sameName.status == .unprocessableEntity)
            #expect(try sameName.error.fields?.map(\.code) == ["partners.duplicate_name"])
            #expect(try sameName.error.fields?.first?.message.contains("Nancy Davolio") == true)
            let samePhone = try await janet.post("/api/v1/partners/customers", json: PartnerInput(name: "Other Name", phone: "+86 21 62345678"))
            #expect(try samePhone.error.fields?.map(\.code) == ["partners.duplicate_phone"])
            var taxInput = PartnerInput(name: "Third Name")
            taxInput.taxId = "91330100716105852f"
            let sameTax = try await janet.post("/api/v1/partners/customers", json: taxInput)
            #expect(try sameTax.error.fields?.map(\.code) == ["partners.duplicate_tax_id"])

            let check: DuplicateReport = try await janet.post("/api/v1/partners/customers/duplicates",
                                                              json: DuplicateCheckInput(name: "上海华为技术服务有限公司")).decode()
            #expect(check.blocking == false)
            #expect(check.matches.count == 1)
            let near = try #require(check.matches.first)
            #expect(near.exact == false && near.field == "name")
            #expect(near.visible == false && near.id == nil && near.code == nil)
            #expect(near.name == "上海**公司")
            #expect(near.ownerName == "Nancy Davolio")

            let own: DuplicateReport = try await nancy.post("/api/v1/partners/customers/duplicates",
                                                            json: DuplicateCheckInput(name: "上海华为技术", phone: "02162345678")).decode()
            #expect(own.blocking)
            #expect(own.matches.map(\.id) == [made.id], "one customer matching twice is reported once")
            #expect(own.matches.first?.visible == true && own.matches.first?.name == "上海华为技术有限公司")
            let editing: DuplicateReport = try await nancy.post("/api/v1/partners/customers/duplicates",
                                                                json: DuplicateCheckInput(name: "上海华为技术", excludeId: made.id)).decode()
            #expect(editing.matches.isEmpty, "the customer being edited is not its own duplicate")

            let other: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "Rename Me")).decode()
            let renamed = try await nancy.send(.PATCH, "/api/v1/partners/customers/\(other.id)",
                                               json: PartnerUpdate(version: other.version, name: "上海华为技术（有限公司）"))
            #expect(try renamed.error.fields?.map(\.code) == ["partners.duplicate_name"])
        }
    }

    @Test("near names are found among hundreds sharing their first characters: 上海华信瑞丰科枝 finds 上海华信瑞丰科技 past 300 上海华信… names")
    func nearAmongMany() async throws {
        try await withAfield { app, client in
            let tenantID = try await CRMFixtures.tenantID(app)
            let words = Array("安邦宝诚昌达鼎丰福广海和恒华汇吉嘉金锦聚凯康力联隆美明乾荣瑞盛世泰天通万威信兴旭雅耀裕元泽正中")
            var made = 0
            for a in words where made < 300 {
                for b in words where made < 300 {
                    let partner = Partner(tenantID: tenantID, code: "N\(made)", name: "上海华信\(a)\(b)贸易有限公司")
                    partner.isCustomer = true
                    partner.nameKey = DuplicateKeys.name(partner.name)
                    try await partner.create(on: app.db)
                    made += 1
                }
            }
            let target = Partner(tenantID: tenantID, code: "TARGET", name: "上海华信瑞丰科技有限公司")
            target.isCustomer = true
            target.nameKey = DuplicateKeys.name(target.name)
            try await target.create(on: app.db)
            let admin = try await client.signedIn()
            let report: DuplicateReport = try await admin.post("/api/v1/partners/customers/duplicates", json: DuplicateCheckInput(name: "上海华信瑞丰科枝有限公司"))
                .decode()
            #expect(report.matches.map(\.name) == ["上海华信瑞丰科技有限公司"])
            #expect(report.matches.first?.exact == false)
            #expect(report.blocking == false)
        }
    }
}
