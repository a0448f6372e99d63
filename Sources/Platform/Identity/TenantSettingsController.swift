import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/auth/tenant`: the company's settings.
struct TenantSettingsController: Sendable {
    /// How tax is rounded: per line, or once per document and tax rate.
    static let taxRoundings = ["per_line", "per_document"]

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "tenant", permission: .authenticated, summary: "The company's settings", use: show)
        routes.on(.PATCH, "tenant", permission: IdentityModule.manageTenant,
                  summary: "Change the company's settings (send the version read)", body: TenantSettingsUpdate.self, use: update)
    }

    @Sendable func show(_ req: Request) async throws -> TenantSettings {
        guard let tenant = try await Tenant.find(try req.actor.tenantID, on: req.database) else { throw DomainError.notFound("tenant") }
        return tenant.settings
    }

    @Sendable func update(_ req: Request) async throws -> TenantSettings {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(TenantSettingsUpdate.self)
        guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        return try await req.write { db in
            guard let tenant = try await Tenant.find(actor.tenantID, on: db) else { throw DomainError.notFound("tenant") }
            guard tenant.version == version else { throw DomainError.staleVersion("tenant", current: tenant.settings) }
            var problems: [DomainError.Field] = []
            var changes = AuditChanges()
            if body.name != nil {
                switch TextInput.name(body.name, max: TextInput.personNameMax) {
                case .success(let name?): changes.set("name", tenant.name, name); tenant.name = name
                case .success(nil): problems.append(.init("name", "field.required"))
                case .failure(let problem): problems.append(problem.field("name"))
                }
            }
            if let code = body.currency?.uppercased(), code != tenant.currency {
                if Currency(code: code) == nil {
                    problems.append(.init("currency", "tenant.unknown_currency"))
                } else if try await Self.hasBusinessRecords(actor.tenantID, db) {
                    problems.append(.init("currency", "tenant.currency_locked"))
                } else { changes.set("currency", tenant.currency, code); tenant.currency = code }
            }
            if let zone = body.timeZone, zone != tenant.timeZone {
                if TimeZone(identifier: zone) == nil { problems.append(.init("timeZone", "tenant.unknown_time_zone")) } else {
                    changes.set("time_zone", tenant.timeZone, zone)
                    tenant.timeZone = zone
                }
            }
            if let locale = body.locale, locale != tenant.locale {
                if AppLanguage(rawValue: locale) == nil { problems.append(.init("locale", "auth.invalid_locale")) } else {
                    changes.set("locale", tenant.locale, locale)
                    tenant.locale = locale
                }
            }
            if let month = body.fiscalYearStartMonth, month != tenant.fiscalYearStartMonth {
                if !(1...12).contains(month) { problems.append(.init("fiscalYearStartMonth", "tenant.invalid_month")) } else {
                    changes.set("fiscal_year_start_month", tenant.fiscalYearStartMonth, month)
                    tenant.fiscalYearStartMonth = month
                }
            }
            if let rounding = body.rounding, rounding != tenant.rounding {
                if RoundingRule(rawValue: rounding) == nil { problems.append(.init("rounding", "tenant.invalid_rounding")) } else {
                    changes.set("rounding", tenant.rounding, rounding)
                    tenant.rounding = rounding
                }
            }
            if let tax = body.taxRounding, tax != tenant.taxRounding {
                if !Self.taxRoundings.contains(tax) { problems.append(.init("taxRounding", "tenant.invalid_tax_rounding")) } else {
                    changes.set("tax_rounding", tenant.taxRounding, tax)
                    tenant.taxRounding = tax
                }
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            guard !changes.isEmpty else { return tenant.settings }
            tenant.version += 1
            try await tenant.save(on: db)
            try await AuditLog.append(entity: "platform.tenant", entityID: tenant.id, action: "update", changes: changes, context: audit, on: db)
            return tenant.settings
        }
    }

    /// Whether any module has recorded a business record (any audited entity outside the platform's own).
    static func hasBusinessRecords(_ tenantID: UUID, _ db: any Database) async throws -> Bool {
        try await AuditEntry.query(on: db).filter(\.$tenantID == tenantID).filter(\.$entity !~ "platform.").first() != nil
    }
}

extension Tenant {
    var settings: TenantSettings {
        TenantSettings(name: name, currency: currency, timeZone: timeZone, locale: locale, fiscalYearStartMonth: fiscalYearStartMonth,
                       rounding: rounding, taxRounding: taxRounding, version: version)
    }
}

/// `platform.0008_tenant_settings`: fiscal year start and tax rounding.
struct AddTenantSettings: AsyncMigration {
    var name: String { "platform.0008_tenant_settings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Tenant.schema).field("fiscal_year_start_month", .int, .required, .sql(.default(1))).update()
        try await database.schema(Tenant.schema).field("tax_rounding", .string, .required, .sql(.default("per_line"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Tenant.schema).deleteField("fiscal_year_start_month").update()
        try await database.schema(Tenant.schema).deleteField("tax_rounding").update()
    }
}
