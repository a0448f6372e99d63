import AfieldTesting
import Fluent
import Foundation
import Platform
import SQLKit
import Testing
import Vapor

/// Upgrading a database made before roles were rows (`platform.0009_roles`): every user keeps
/// the role they had, and the database stays sound.
@Suite("Role migration")
struct RoleMigrationTests {
    @Test("users of an existing company keep their roles after the upgrade")
    func existingUsersKeepTheirRoles() async throws {
        let location = try await TestDatabases.shared.make(demo: false)
        let app = try await Application.make(.testing)
        do {
            try await DatabaseSetup.configure(app, location: location)
            let all = IdentityModule().migrations
            let cut = try #require(all.firstIndex { $0.name == "platform.0009_roles" })
            app.migrations.add(Array(all[..<cut]))
            try await app.autoMigrate()
            let sql = try #require(app.db as? any SQLDatabase)
            let tenant = UUID()
            try await sql.raw("""
                INSERT INTO tenants (id, slug, name, currency, time_zone, locale, rounding, version, fiscal_year_start_month, tax_rounding)
                VALUES (\(bind: tenant), 'old', 'Old Co', 'USD', 'UTC', 'en', 'half_up', 1, 1, 'per_line')
                """).run()
            var users: [String: UUID] = [:]
            for role in ["administrator", "manager", "sales", "retired-role"] {
                let id = UUID()
                users[role] = id
                try await sql.raw("""
                    INSERT INTO users (id, tenant_id, email, name, password_hash, role, active, version)
                    VALUES (\(bind: id), \(bind: tenant), \(bind: "\(role)@old.example"), \(bind: role), 'x', \(bind: role), \(bind: true), 1)
                    """).run()
            }
            app.migrations.add(Array(all[cut...]))
            try await app.autoMigrate()

            let roles = try await TenantRole.query(on: app.db).filter(\.$tenantID == tenant).all()
            #expect(Set(roles.map(\.key)) == Set(BuiltInRole.all.map(\.key)))
            let held = try await RoleAssignment.keys(of: Array(users.values), on: app.db)
            #expect(held[users["administrator"]!] == ["administrator"])
            #expect(held[users["manager"]!] == ["manager"])
            #expect(held[users["sales"]!] == ["sales"])
            #expect(held[users["retired-role"]!] == ["employee"], "an unknown old role becomes the least one")
            if case .sqlite = location {
                #expect(try await sql.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) } == ["ok"])
                #expect(try await sql.raw("PRAGMA foreign_key_check").all().isEmpty)
            }
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        await TestDatabases.shared.drop(location)
    }
}
