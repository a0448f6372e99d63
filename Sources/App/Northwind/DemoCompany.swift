import Attendance
import Fluent
import Foundation
import Platform
import Vapor

/// The demo company created on first start: "Northwind Traders" from `Demo/northwind/`.
public enum DemoCompany {
    public static let slug = "northwind"
    public static let name = "Northwind Traders"
    /// Andrew Fuller, Vice President Sales, is the administrator; the other employees are sales users.
    public static let email = "andrew.fuller@northwind.example"
    public static let password = "afield-demo"
    static let administratorCode = "NW-EMP-2"

    /// Whether the database holds no company yet, so a start would create the demo company.
    /// Also true before the first migration (no tables yet), which is why a start can ask this
    /// before it creates anything.
    public static func isNeeded(_ app: Application) async -> Bool {
        ((try? await Tenant.query(on: app.db).count()) ?? 0) == 0
    }

    /// Creates and fills the demo company when the database has no company yet.
    /// - Returns: the import tally, or nil when companies already exist.
    /// - Throws: `NorthwindFilesError` when a file is missing or broken; the database is then
    ///   left without a company (the files are read and checked before the transaction, and
    ///   everything after is one transaction), so the next start tries again.
    /// The holiday-cn year files shipped beside the demo folder (`Demo/holiday-cn/*.json`).
    static func chinaYears(beside directory: URL) -> [Data] {
        let folder = directory.deletingLastPathComponent().appendingPathComponent("holiday-cn")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { try? Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    public static func createIfEmpty(_ app: Application, directory: URL, progress: @escaping @Sendable (String) -> Void) async throws -> ImportTally? {
        guard try await Tenant.query(on: app.db).count() == 0 else { return nil }
        let importer = NorthwindImporter(directory: directory, users: .init(password: password, administratorCode: administratorCode,
                                                                          domain: "northwind.example"), progress: progress)
        let hasher = app.password.async
        let prepared = try await importer.prepare(hasher: hasher)
        // Company and data in one transaction: a failed first start leaves no half-made demo behind.
        return try await app.afieldWrites.transaction(on: app.db) { db in
            // Checked again inside the transaction: another process may have made it meanwhile.
            guard try await Tenant.query(on: db).count() == 0 else { return nil }
            let tenant = try await IdentityService(db: db, hasher: hasher)
                .createTenant(slug: slug, name: name, currency: .usd, timeZone: "America/Los_Angeles", locale: .en)
            let tenantID = try tenant.requireID()
            let audit = AuditContext.system(tenantID, name: "Afield demo", source: .import)
            let tally = try await importer.importAll(prepared, tenantID: tenantID, db: db, hasher: hasher, audit: audit)
            try await AttendanceDemo.seed(tenantID: tenantID, chinaYears: Self.chinaYears(beside: directory), audit: audit, now: app.afield.clock.now(), on: db)
            return tally
        }
    }
}
