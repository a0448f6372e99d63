import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Sales
import Testing
import Vapor

/// Importing the real Northwind files (../shared/cases/northwind.md counts) and rerunning.
@Suite("Northwind import")
struct NorthwindImportTests {
    /// The copy shipped with Afield: a fresh clone has no ../shared (issue 8 point 8).
    static let sourceDirectory = TestDatabases.packageRoot.appendingPathComponent("Demo/northwind")

    @Test("imports the counts of the case file; a rerun creates nothing")
    func countsAndRerun() async throws {
        try await withAfield(demo: false) { app, _ in
            let tenant = try await IdentityService(db: app.db, hasher: app.password.async)
                .createTenant(slug: "nw", name: "NW", currency: .usd, timeZone: "UTC", locale: .en)
            let importer = NorthwindImporter(directory: Self.sourceDirectory, users: nil)
            let first = try await importer.run(tenantID: tenant.id!, writes: app.afieldWrites, db: app.db, hasher: app.password.async,
                                               audit: .system(tenant.id!, name: "test import", source: .import))
            let expected = ["categories": 8, "customers": 91, "suppliers": 29, "products": 77, "employees": 9, "carriers": 3,
                            "orders": 830, "order lines": 2155, "sites": 5, "positions": 4]
            for (kind, count) in expected {
                #expect(first[kind] == .init(created: count), "\(kind)")
            }
            let second = try await importer.run(tenantID: tenant.id!, writes: app.afieldWrites, db: app.db, hasher: app.password.async,
                                               audit: .system(tenant.id!, name: "test import", source: .import))
            for (kind, count) in expected {
                #expect(second[kind] == .init(unchanged: count), "rerun \(kind)")
            }
            #expect(try await SalesOrder.query(on: app.db).count() == 830)
            #expect(try await SalesOrderLine.query(on: app.db).count() == 2155)
        }
    }

    @Test("keeps postal codes as text, archives discontinued products, links managers")
    func mappingDetails() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let customers: AfieldAPI.Page<PartnerSummary> = try await api.get("/api/v1/partners/customers?q=Ana%20Trujillo").decode()
            let detail: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customers.items[0].id)").decode()
            #expect(detail.postalCode == "05021")
            #expect(detail.contacts.map(\.name) == ["Ana Trujillo"])
            let archived: AfieldAPI.Page<ProductDTO> = try await api.get("/api/v1/products/products?archived=only&limit=100").decode()
            #expect(archived.total == 8)
            let active: AfieldAPI.Page<ProductDTO> = try await api.get("/api/v1/products/products?limit=100").decode()
            #expect(active.total == 69)
            let chai = active.items.first { $0.sku == "NW-1" }
            #expect(chai?.listPrice == "18.00")
            #expect(chai?.packDescription == "10 boxes x 20 bags")
            #expect(chai?.categoryName == "Beverages")
            #expect(chai?.supplierName == "Exotic Liquids")
        }
    }

    @Test("employees get a site from their city, in their country's time zone, and a position from their title")
    func sitesAndPositions() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let sites: [SiteDTO] = try await api.get("/api/v1/org/sites").decode()
            #expect(sites.map(\.name) == ["Kirkland", "London", "Redmond", "Seattle", "Tacoma"])
            let zones = Dictionary(uniqueKeysWithValues: sites.map { ($0.name, $0.timeZone) })
            #expect(zones["London"] == "Europe/London")
            #expect(zones["Seattle"] == "America/Los_Angeles")
            let london = try #require(sites.first { $0.name == "London" })
            #expect(london.latitude == "51.5074" && london.longitude == "-0.1278")
            #expect(london.address == "London, UK")
            #expect(london.employeeCount == 4)
            #expect(sites.first { $0.name == "Seattle" }?.employeeCount == 2)
            let positions: [PositionDTO] = try await api.get("/api/v1/org/positions").decode()
            #expect(positions.map(\.name) == ["Inside Sales Coordinator", "Sales Manager", "Sales Representative", "Vice President, Sales"])
            #expect(positions.map(\.employeeCount) == [1, 1, 6, 1])
            let steven: EmployeeDTO = try await api.get("/api/v1/org/employees?q=Steven").decode(AfieldAPI.Page<EmployeeDTO>.self).items[0]
            #expect(steven.siteName == "London" && steven.positionName == "Sales Manager")
        }
    }

    @Test("a changed source record is updated, not duplicated")
    func updatesChangedRecord() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.sourceDirectory, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let customers = folder.appendingPathComponent("customers.csv")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: customers.path)
        let text = try String(contentsOf: customers, encoding: .utf8)
        try text.replacingOccurrences(of: "Obere Str. 57", with: "Obere Str. 58").write(to: customers, atomically: true, encoding: .utf8)
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).first()!
            let tally = try await NorthwindImporter(directory: folder, users: nil)
                .run(tenantID: tenant.id!, writes: app.afieldWrites, db: app.db, hasher: app.password.async,
                                               audit: .system(tenant.id!, name: "test import", source: .import))
            #expect(tally["customers"] == .init(updated: 1, unchanged: 90))
            #expect(tally["orders"] == .init(unchanged: 830))
        }
    }
}
